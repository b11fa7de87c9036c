using System.Globalization;
using Affinity.Evaluation.Metrics;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Running;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Tuning;

/// <summary>
/// Searches a model's options on validation data carved from a protocol's training data, never its
/// test data: for the first split of the protocol (or every split), a validation part is held out of
/// the split's training part (<see cref="ValidationSplits"/>); every trial fits on the rest and is
/// measured on that part by <see cref="EvaluationRunner"/>, exactly as the protocol measures its test
/// part. Optionally the best options are then measured once on the tuned split's test part.
/// </summary>
/// <remarks>
/// With <see cref="TuningOptions.AllFolds"/> the validation metric is averaged over every split's
/// validation part. Each of those is carved from its own split's training part, but in a k-fold
/// protocol that part holds the other folds' test interactions, so options chosen over all folds
/// have seen every test fold: the run then refuses <see cref="TuningOptions.EvaluateBest"/>.
/// </remarks>
public static class HyperparameterTuner
{
    /// <summary>Runs the search.</summary>
    /// <param name="protocol">The protocol whose splits, measurement and metrics are used.</param>
    /// <param name="input">The data the protocol splits.</param>
    /// <param name="target">The model to tune.</param>
    /// <param name="space">The options to search; checked against the model's options type first.</param>
    /// <param name="options">Trials, seed, metric, strategy; the defaults when null.</param>
    /// <exception cref="ArgumentException">The space does not fit the options type, the metric does not fit the protocol, the base options are rejected, or all folds are tuned and a test run is asked for.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one trial.</exception>
    /// <exception cref="InvalidOperationException">No trial gave a finite validation value.</exception>
    public static TuningReport Tune(EvaluationProtocol protocol, ProtocolInput input, TuningTarget target, SearchSpace space, TuningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(space);
        options ??= new TuningOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Trials, 1, nameof(options));
        var bound = space.Bind(target.OptionsType, target.JsonOptions);
        var metric = ChooseMetric(protocol, options.Metric);
        _ = target.Create(target.BaseOptionsJson);

        var prepared = input with { Data = protocol.Prepare(input.Data) };
        var splits = protocol.CreateSplitter(prepared).Split(prepared.Data);
        if (splits.Count == 0)
        {
            throw new InvalidOperationException($"The protocol '{protocol.Name}' made no splits of '{prepared.Data.Name}'.");
        }

        if (options.AllFolds && options.EvaluateBest && splits.Count > 1)
        {
            throw new ArgumentException(
                $"Tuning on all {splits.Count} splits of '{protocol.Name}' lets the choice see each split's test part through the others' training parts, so the best options cannot then be tested fairly; tune on the first split to test on it.",
                nameof(options));
        }

        var carved = (options.AllFolds ? splits : splits.Take(1))
            .Select(s => ValidationSplits.Carve(protocol.Kind, s, options.Seed, options.ValidationSplitter))
            .ToArray();
        var search = new Search(protocol, carved, target, bound, metric, options);
        var trials = search.Run();
        var best = Best(trials, metric)
            ?? throw new InvalidOperationException($"No trial gave a finite {metric} on validation; check the search space.");
        var test = options.EvaluateBest ? Test(protocol, prepared, splits[0], target, best, metric, options) : null;
        return new TuningReport(
            protocol.Name, prepared.Data.Name, target.Name, bound, options.Strategy.Name, options.Seed, metric.ToString(), metric.HigherIsBetter,
            [.. carved.Select(c => c.Description)], trials, best, test);
    }

    /// <summary>The metric to optimise: the named one, or the protocol's first; it must be one the protocol's kind measures.</summary>
    /// <exception cref="ArgumentException">A rating metric for a ranking protocol or the reverse.</exception>
    /// <exception cref="FormatException">The name is not a metric.</exception>
    public static MetricSpec ChooseMetric(EvaluationProtocol protocol, string? metric)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var spec = MetricSpec.Parse(metric ?? protocol.Metrics[0]);
        var rating = protocol.Kind == EvaluationKind.Rating;
        if (rating != spec.IsRatingMetric)
        {
            throw new ArgumentException(
                $"'{spec}' is a {(spec.IsRatingMetric ? "rating" : "ranking")} metric, but '{protocol.Name}' measures {(rating ? "ratings: use RMSE or MAE" : "rankings: use e.g. NDCG@10")}.",
                nameof(metric));
        }

        return spec;
    }

    /// <summary>The trial's loss for a strategy: the value, negated when higher is better; +∞ when not finite.</summary>
    internal static double Loss(double value, MetricSpec metric)
        => !double.IsFinite(value) ? double.PositiveInfinity : metric.HigherIsBetter ? -value : value;

    private static TuningTrial? Best(IReadOnlyList<TuningTrial> trials, MetricSpec metric)
    {
        TuningTrial? best = null;
        foreach (var trial in trials)
        {
            if (double.IsFinite(trial.Value) && (best is null || Loss(trial.Value, metric) < Loss(best.Value, metric)))
            {
                best = trial;
            }
        }

        return best;
    }

    private static EvaluationReport Test(EvaluationProtocol protocol, ProtocolInput prepared, DataSplit split, TuningTarget target, TuningTrial best, MetricSpec metric, TuningOptions options)
    {
        var once = protocol with
        {
            Description = $"Only the split '{split.Name}', the one tuned on, of: {protocol.Description}",
            Prepare = static d => d,
            CreateSplitter = _ => new FixedSplitter([split], $"the split '{split.Name}' of {protocol.Name}"),
        };
        var metrics = protocol.Metrics.Select(m => MetricSpec.Parse(m).ToString()).ToList();
        if (!metrics.Contains(metric.ToString()))
        {
            metrics.Insert(0, metric.ToString());
        }

        var start = target.BaseOptionsJson is "{}" or "" ? "defaults" : "given options";
        ModelUnderTest[] models =
        [
            new($"{target.Name} (tuned)", () => target.Create(best.OptionsJson), best.OptionsJson),
            new($"{target.Name} ({start})", () => target.Create(target.BaseOptionsJson), target.BaseOptionsJson),
        ];
        var progress = options.Progress;
        return EvaluationRunner.Run(once, prepared, models, new EvaluationOptions
        {
            Metrics = metrics,
            Seed = options.Seed,
            CancellationToken = options.CancellationToken,
            Progress = progress is null ? null : new Relay<EvaluationProgress>(p => progress.Report(new TuningProgress(
                options.Trials, options.Trials + 1, string.Create(CultureInfo.InvariantCulture, $"test: {p.Stage} {p.Model} on {p.Split}"), best.Value))),
        });
    }

    /// <summary>Forwards reports on the calling thread.</summary>
    private sealed class Relay<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>The trial loop: propose, build, validate on every carved split, record.</summary>
    private sealed class Search(EvaluationProtocol protocol, CarvedValidation[] carved, TuningTarget target, SearchSpace space, MetricSpec metric, TuningOptions options)
    {
        private readonly EvaluationProtocol[] _protocols = [.. carved.Select(c => protocol with
        {
            Name = $"{protocol.Name} validation",
            Prepare = static d => d,
            CreateSplitter = _ => new FixedSplitter([c.Split], c.Description),
            Metrics = [metric.ToString()],
        })];

        public List<TuningTrial> Run()
        {
            var random = new Random(options.Seed);
            var trials = new List<TuningTrial>(options.Trials);
            var history = new List<TrialPoint>(options.Trials);
            double? best = null;
            var total = options.Trials + (options.EvaluateBest ? 1 : 0);
            for (var number = 1; number <= options.Trials; number++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                var point = options.Strategy.Propose(space, history, random).ToArray();
                var json = space.ToOptionsJson(point, target.BaseOptionsJson);
                var trial = Measure(number, point, json, total, best);
                trials.Add(trial);
                history.Add(new TrialPoint(point, Loss(trial.Value, metric)));
                if (double.IsFinite(trial.Value) && (best is null || Loss(trial.Value, metric) < Loss(best.Value, metric)))
                {
                    best = trial.Value;
                }

                options.Progress?.Report(new TuningProgress(number, total, string.Create(CultureInfo.InvariantCulture, $"trial {number} done"), best));
            }

            return trials;
        }

        private TuningTrial Measure(int number, double[] point, string json, int total, double? best)
        {
            var model = new ModelUnderTest(target.Name, () => target.Create(json), json);
            double sum = 0, fit = 0, predict = 0;
            for (var s = 0; s < carved.Length; s++)
            {
                var progress = options.Progress;
                var report = EvaluationRunner.Run(_protocols[s], new ProtocolInput(carved[s].Pool), [model], new EvaluationOptions
                {
                    Metrics = [metric.ToString()],
                    Seed = options.Seed,
                    CancellationToken = options.CancellationToken,
                    Progress = progress is null ? null : new Relay<EvaluationProgress>(p => progress.Report(new TuningProgress(
                        number - 1, total, string.Create(CultureInfo.InvariantCulture, $"trial {number}: {p.Stage} on {p.Split}"), best))),
                });
                var fold = report.Models[0].Folds[0];
                sum += fold.Metrics[metric.ToString()];
                fit += fold.FitSeconds;
                predict += fold.PredictSeconds;
            }

            var values = space.Parameters.Select((p, i) => p.Format(point[i])).ToArray();
            return new TuningTrial(number, point, values, json, sum / carved.Length, fit, predict);
        }
    }
}
