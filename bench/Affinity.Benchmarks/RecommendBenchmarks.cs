using System.Numerics.Tensors;
using Affinity.Core.Kernels;
using Affinity.Models.Factorization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Affinity.Benchmarks;

/// <summary>
/// Top-10 for one user against a catalogue of 64-factor items: score every item
/// (<see cref="FactorMatrix.DotAll"/>) then select (<see cref="TopK.Select"/>). Scoring reads the
/// whole factor matrix once, so it is bound by memory bandwidth at best; <see cref="ReadFactors"/>
/// (the baseline) reads the same bytes with a vectorised sum, and the "factor GB/s" column puts
/// every case on that scale. All single-threaded.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class RecommendBenchmarks
{
    /// <summary>Factors per item, as the factor models default to.</summary>
    public const int Factors = 64;

    private readonly int[] _top = new int[10];
    private readonly float[] _topScores = new float[10];
    private FactorMatrix _items = new(1, Factors);
    private float[] _user = [];
    private float[] _scores = [];

    [Params(100_000, 1_000_000)]
    public int ItemCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _items = FactorMatrix.Normal(ItemCount, Factors, 0.1, random);
        _user = FactorMatrix.Normal(1, Factors, 0.1, random).Row(0).ToArray();
        _scores = new float[ItemCount];
    }

    /// <summary>The bandwidth yardstick: one pass over the factor matrix's bytes.</summary>
    [Benchmark(Baseline = true)]
    public float ReadFactors() => TensorPrimitives.Sum(_items.Values);

    [Benchmark]
    public float Score()
    {
        _items.DotAll(_user, _scores);
        return _scores[0];
    }

    [Benchmark]
    public int ScoreAndTop10()
    {
        _items.DotAll(_user, _scores);
        return TopK.Select(_scores, default, _top, _topScores);
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new RateColumn("factor GB/s", c => RateColumn.IntParameter(c, nameof(ItemCount)) * (double)Factors * sizeof(float), 1e9));
    }
}
