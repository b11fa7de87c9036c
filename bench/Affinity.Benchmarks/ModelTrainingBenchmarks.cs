using Affinity.Core.Data;
using Affinity.Core.Demo;
using Affinity.Core.Recommending;
using Affinity.Models;
using BenchmarkDotNet.Attributes;

namespace Affinity.Benchmarks;

/// <summary>
/// One fit of a catalogue model on synthetic long-tailed implicit data, ML-20M-shaped by default
/// (AFFINITY_BENCH_SHAPE picks another size, e.g. ml-1m for a quick run). The model list comes
/// from AFFINITY_BENCH_MODELS: catalogue names, each optionally name={json options}, separated by
/// ';' (default "popularity;bias"); any model registered in <see cref="ModelCatalog.Default"/>
/// runs here by name, e.g. <c>AFFINITY_BENCH_MODELS='als;bpr={"epochs":20};item-knn;ease'</c>.
/// </summary>
/// <remarks>
/// Each iteration is one fit (no pilot stage, no unrolling), one warm-up and five measured, since
/// a fit can take minutes at the ML-20M shape. These are job mutators, so they apply to whatever
/// job the command line picks (<c>--job short</c>, <c>--inProcess</c>) instead of adding a job.
/// The dataset's CSR matrices are built in the setup, so the figure is training alone.
/// Allocated bytes are per fit.
/// </remarks>
[MemoryDiagnoser]
[RunOncePerIteration]
[WarmupCount(1)]
[IterationCount(5)]
public class ModelTrainingBenchmarks
{
    private Dataset? _data;
    private string _name = "popularity";
    private string? _options;

    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = "popularity";

    public static IEnumerable<string> Models() => BenchEnvironment.ModelSpecs();

    [GlobalSetup]
    public void Setup()
    {
        (_name, _options) = BenchEnvironment.ParseSpec(Model);
        _ = ModelCatalog.Default.Create(_name, _options); // fail on a bad name before generating data
        _data = SyntheticInteractions.Generate(BenchEnvironment.TrainingShape());
        _ = _data.ByUser;
        _ = _data.ByItem;
    }

    [Benchmark]
    public IRecommender Fit()
    {
        var model = ModelCatalog.Default.Create(_name, _options);
        model.Fit(_data!, FitContext.Default);
        return model;
    }
}
