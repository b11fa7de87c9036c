namespace Affinity.Evaluation.Running;

/// <summary>One model on one split: metric values, per-user values (for paired tests) and timings.</summary>
/// <param name="Split">The split name.</param>
/// <param name="Metrics">Metric name to value (a mean over test users or test ratings).</param>
/// <param name="PerUser">Metric name to one value per evaluated user, in the same user order for every model on this split.</param>
/// <param name="FitSeconds">Training time.</param>
/// <param name="PredictSeconds">Prediction and ranking time for the whole test set.</param>
public sealed record FoldResult(
    string Split,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, double[]> PerUser,
    double FitSeconds,
    double PredictSeconds);

/// <summary>A metric over folds: the mean, the sample standard deviation and every fold's value.</summary>
/// <param name="Mean">Mean over folds.</param>
/// <param name="StandardDeviation">Sample standard deviation over folds (0 for one fold).</param>
/// <param name="PerFold">The value on every fold, in split order.</param>
public sealed record MetricSummary(double Mean, double StandardDeviation, IReadOnlyList<double> PerFold)
{
    /// <summary>Summarises fold values.</summary>
    public static MetricSummary Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var summary = Statistics.Summary.Of([.. values]);
        return new MetricSummary(summary.Mean, summary.StandardDeviation, values);
    }
}

/// <summary>Everything measured for one model.</summary>
/// <param name="Model">The model's display name.</param>
/// <param name="OptionsJson">Its options.</param>
/// <param name="Folds">One result per split.</param>
public sealed record ModelResult(string Model, string OptionsJson, IReadOnlyList<FoldResult> Folds)
{
    /// <summary>A metric summarised over folds.</summary>
    public MetricSummary Summary(string metric) => MetricSummary.Of(Folds.Select(f => f.Metrics[metric]).ToArray());

    /// <summary>Training time summarised over folds.</summary>
    public MetricSummary FitSeconds => MetricSummary.Of(Folds.Select(f => f.FitSeconds).ToArray());

    /// <summary>Prediction time summarised over folds.</summary>
    public MetricSummary PredictSeconds => MetricSummary.Of(Folds.Select(f => f.PredictSeconds).ToArray());

    /// <summary>The per-user values of a metric over all folds, concatenated in split order.</summary>
    public double[] PerUser(string metric) => Folds.SelectMany(f => f.PerUser[metric]).ToArray();
}

/// <summary>A paired significance test between two models on one metric, over the same test users of the same folds.</summary>
/// <param name="Metric">The metric compared.</param>
/// <param name="ModelA">The first model.</param>
/// <param name="ModelB">The second model.</param>
/// <param name="Pairs">The number of (fold, user) pairs.</param>
/// <param name="MeanDifference">Mean of A minus B.</param>
/// <param name="T">Student's t statistic of the paired differences.</param>
/// <param name="PValue">Two-sided p-value of the paired t-test.</param>
/// <param name="WilcoxonPValue">Two-sided p-value of the Wilcoxon signed-rank test (normal approximation).</param>
public sealed record PairedComparison(string Metric, string ModelA, string ModelB, int Pairs, double MeanDifference, double T, double PValue, double WilcoxonPValue);

/// <summary>The outcome of one evaluation run.</summary>
/// <param name="Manifest">What was run, on what, with which versions.</param>
/// <param name="Metrics">The accuracy metric names, in table order.</param>
/// <param name="BeyondAccuracyMetrics">Coverage, diversity, novelty and popularity metrics of the top-K lists (ranking protocols).</param>
/// <param name="Models">One result per model.</param>
/// <param name="Comparisons">Paired tests of every model against the first one, on the first metric.</param>
public sealed record EvaluationReport(
    RunManifest Manifest,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<string> BeyondAccuracyMetrics,
    IReadOnlyList<ModelResult> Models,
    IReadOnlyList<PairedComparison> Comparisons)
{
    /// <summary>Every metric, accuracy first.</summary>
    public IEnumerable<string> AllMetrics => Metrics.Concat(BeyondAccuracyMetrics);
}
