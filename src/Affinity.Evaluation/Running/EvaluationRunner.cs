using System.Diagnostics;
using System.Globalization;
using Affinity.Core.Recommending;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Reporting;
using Affinity.Evaluation.Metrics;
using Affinity.Evaluation.Splitting;
using Affinity.Evaluation.Statistics;

namespace Affinity.Evaluation.Running;

/// <summary>
/// Runs a protocol: prepares and splits the data, fits every model on every split, measures it the
/// way the protocol says, and gathers means, deviations, timings, a manifest and paired tests.
/// Models are used only through <see cref="IRecommender"/> and <see cref="IRatingPredictor"/>.
/// </summary>
public static class EvaluationRunner
{
    /// <summary>Runs the protocol on the input for every model.</summary>
    /// <exception cref="InvalidOperationException">A rating protocol was given a model that cannot predict ratings.</exception>
    public static EvaluationReport Run(EvaluationProtocol protocol, ProtocolInput input, IReadOnlyList<ModelUnderTest> models, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0)
        {
            throw new ArgumentException("Name at least one model.", nameof(models));
        }

        options ??= new EvaluationOptions();
        var prepared = input with { Data = protocol.Prepare(input.Data) };
        var splits = protocol.CreateSplitter(prepared).Split(prepared.Data);
        var metrics = (options.Metrics ?? protocol.Metrics).Select(m => MetricSpec.Parse(m)).ToArray();
        var measure = MeasureFor(protocol, prepared, metrics, options);
        var writer = options.SavePredictionsFolder is null ? null : new PredictionWriter(options.SavePredictionsFolder);

        var perModel = models.Select(_ => new List<FoldResult>()).ToArray();
        var done = 0;
        foreach (var split in splits)
        {
            writer?.WriteSplit(split);
            for (var m = 0; m < models.Count; m++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                var model = models[m];
                options.Progress?.Report(new EvaluationProgress(split.Name, model.Name, "fit", done, splits.Count * models.Count));
                var recommender = model.Create();
                var clock = Stopwatch.StartNew();
                recommender.Fit(split.Train, new FitContext { Seed = options.Seed, CancellationToken = options.CancellationToken });
                var fitSeconds = clock.Elapsed.TotalSeconds;
                options.Progress?.Report(new EvaluationProgress(split.Name, model.Name, "predict", done, splits.Count * models.Count));
                clock.Restart();
                var outcome = measure.Measure(split, recommender);
                var predictSeconds = clock.Elapsed.TotalSeconds;
                writer?.WriteModel(split, model.Name, outcome.Predictions, outcome.TopLists);
                perModel[m].Add(new FoldResult(split.Name, outcome.Metrics, outcome.PerUser, fitSeconds, predictSeconds));
                done++;
            }
        }

        var results = models.Select((model, m) => new ModelResult(model.Name, model.OptionsJson, perModel[m])).ToArray();
        var names = metrics.Select(s => s.ToString()).ToArray();
        var manifest = new RunManifest
        {
            Protocol = protocol.Name,
            ProtocolDescription = protocol.Description,
            Dataset = prepared.Data.Name,
            DatasetChecksum = RunManifest.Checksum(prepared.Data),
            DatasetShape = string.Create(CultureInfo.InvariantCulture, $"{prepared.Data.Count} interactions, {prepared.Data.UserCount} users, {prepared.Data.ItemCount} items"),
            Splits = splits.Select(Describe).ToArray(),
            Seed = options.Seed,
            ProtocolSeed = protocol.Seed,
            Models = models.ToDictionary(m => m.Name, m => m.OptionsJson, StringComparer.Ordinal),
        };
        return new EvaluationReport(manifest, names, measure.ExtraMetrics, results, Compare(results, names[0]));
    }

    private static FoldMeasure MeasureFor(EvaluationProtocol protocol, ProtocolInput input, MetricSpec[] metrics, EvaluationOptions options)
        => protocol.Kind switch
        {
            EvaluationKind.Rating => new RatingMeasure(metrics),
            EvaluationKind.FullRanking => new FullRankingMeasure(protocol, metrics, options.TopK),
            EvaluationKind.SampledRanking => new SampledRankingMeasure(protocol, input.Data, metrics, options.TopK),
            EvaluationKind.ColdItems => new ColdItemMeasure(protocol, metrics, options.TopK),
            EvaluationKind.ColdUsers => new ColdUserMeasure(protocol, metrics, options.TopK),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol.Kind, "Unknown evaluation kind."),
        };

    private static string Describe(DataSplit split)
    {
        var validation = split.Validation is null ? string.Empty : $", validation {split.Validation.Count}";
        return string.Create(CultureInfo.InvariantCulture, $"{split.Name}: train {split.Train.Count}, test {split.Test.Count}{validation}");
    }

    private static PairedComparison[] Compare(ModelResult[] results, string metric)
    {
        var comparisons = new List<PairedComparison>();
        var first = results[0].PerUser(metric);
        foreach (var other in results.Skip(1))
        {
            var second = other.PerUser(metric);
            if (second.Length != first.Length || first.Length < 2)
            {
                continue;
            }

            var t = PairedTest.TTest(first, second);
            var w = PairedTest.WilcoxonSignedRank(first, second);
            comparisons.Add(new PairedComparison(metric, results[0].Model, other.Model, first.Length, t.MeanDifference, t.T, t.PValue, w.PValue));
        }

        return [.. comparisons];
    }
}
