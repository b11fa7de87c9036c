using Affinity.Core.Kernels;
using BenchmarkDotNet.Attributes;

namespace Affinity.Benchmarks;

/// <summary>Top-10 selection over a catalogue's worth of scores, the inner loop of full ranking.</summary>
[MemoryDiagnoser]
public class TopKBenchmarks
{
    private float[] _scores = [];
    private readonly int[] _items = new int[10];
    private readonly float[] _itemScores = new float[10];

    [Params(1_682, 100_000, 1_000_000)]
    public int ItemCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _scores = new float[ItemCount];
        for (var i = 0; i < _scores.Length; i++)
        {
            _scores[i] = random.NextSingle();
        }
    }

    [Benchmark]
    public int Top10() => TopK.Select(_scores, default, _items, _itemScores);
}
