using Affinity.Core.Retrieval;
using Affinity.Models.Factorization;
using BenchmarkDotNet.Attributes;

namespace Affinity.Benchmarks;

/// <summary>
/// One <see cref="HnswIndex.Build"/> over 100k random normal items of 64 factors at the default
/// options (M 16, ef_construction 200), on one thread (the reproducible build) and on every core.
/// A build takes tens of seconds, so each iteration is one build: no warm-up, three measured.
/// </summary>
[MemoryDiagnoser]
[RunOncePerIteration]
[WarmupCount(0)]
[IterationCount(3)]
public class HnswBuildBenchmarks
{
    private float[] _items = [];

    [Params(100_000)]
    public int ItemCount { get; set; }

    /// <summary>1, or -1 for every core.</summary>
    [Params(1, -1)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup() => _items = FactorMatrix.Normal(ItemCount, HnswBenchmarks.Factors, 1.0, new Random(7)).Values.ToArray();

    [Benchmark]
    public HnswIndex Build() => HnswIndex.Build(_items, HnswBenchmarks.Factors, maxDegreeOfParallelism: Threads);
}
