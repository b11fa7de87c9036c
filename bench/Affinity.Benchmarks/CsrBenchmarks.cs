using Affinity.Core.Data;
using Affinity.Core.Demo;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Affinity.Benchmarks;

/// <summary>
/// Building the user x item CSR matrix from coordinate arrays (a counting sort, O(n)) and its
/// transpose, on synthetic data of ML-100K's and ML-1M's size. "M interactions/s" is the rate.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class CsrBenchmarks
{
    private int[] _users = [];
    private int[] _items = [];
    private float[] _values = [];
    private int _userCount;
    private int _itemCount;
    private CsrMatrix? _byUser;

    [Params("ml-100k", "ml-1m")]
    public string Shape { get; set; } = "ml-100k";

    [GlobalSetup]
    public void Setup()
    {
        var data = SyntheticInteractions.Generate(SyntheticShape.Parse(Shape));
        _users = data.UserIndexes.ToArray();
        _items = data.ItemIndexes.ToArray();
        _values = data.Values.ToArray();
        (_userCount, _itemCount) = (data.UserCount, data.ItemCount);
        _byUser = CsrMatrix.FromCoordinates(_userCount, _itemCount, _users, _items, _values);
    }

    [Benchmark]
    public CsrMatrix FromCoordinates() => CsrMatrix.FromCoordinates(_userCount, _itemCount, _users, _items, _values);

    [Benchmark]
    public CsrMatrix Transpose() => _byUser!.Transpose();

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new RateColumn("M interactions/s", c => c.Parameters["Shape"] is string shape ? SyntheticShape.Parse(shape).Interactions : null, 1e6));
    }
}
