using Affinity.Core.Data;
using Affinity.Core.Demo;
using Affinity.Core.Recommending;
using Affinity.Models;
using BenchmarkDotNet.Attributes;

namespace Affinity.Benchmarks;

/// <summary>
/// Top-10 for every user of ML-100K-sized synthetic data (943 users, 1,682 items, 100k
/// interactions) with a fitted catalogue model: the batch path (parallel over users) and the
/// same requests one by one. Models come from AFFINITY_BENCH_MODELS (default "popularity;bias");
/// a factor or neighbourhood model joins by listing its catalogue name.
/// </summary>
[MemoryDiagnoser]
public class BatchRecommendBenchmarks
{
    private IRecommender _model = ModelCatalog.Default.Create("popularity");
    private RecommendRequest[] _requests = [];

    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = "popularity";

    public static IEnumerable<string> Models() => BenchEnvironment.ModelSpecs();

    [GlobalSetup]
    public void Setup()
    {
        Dataset data = SyntheticInteractions.Generate(SyntheticShape.MovieLens100K);
        var (name, options) = BenchEnvironment.ParseSpec(Model);
        _model = ModelCatalog.Default.Create(name, options);
        _model.Fit(data, FitContext.Default);
        _requests = new RecommendRequest[data.UserCount];
        for (var u = 0; u < _requests.Length; u++)
        {
            _requests[u] = new RecommendRequest(u, 10);
        }
    }

    [Benchmark]
    public int Batch() => _model.RecommendBatch(_requests).Count;

    [Benchmark]
    public int OneByOne()
    {
        var total = 0;
        foreach (var request in _requests)
        {
            total += _model.Recommend(request).Items.Count;
        }

        return total;
    }
}
