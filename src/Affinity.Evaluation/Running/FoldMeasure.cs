using Affinity.Core.Recommending;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Running;

/// <summary>A model's score for one test pair, kept for <c>--save-predictions</c>.</summary>
/// <param name="User">Dense user index.</param>
/// <param name="Item">Dense item index.</param>
/// <param name="Score">The predicted rating or ranking score.</param>
public readonly record struct Prediction(int User, int Item, float Score);

/// <summary>What measuring one fitted model on one split produced.</summary>
/// <param name="Metrics">Metric name to value.</param>
/// <param name="PerUser">Metric name to per-user values.</param>
/// <param name="Predictions">One prediction per test pair.</param>
/// <param name="TopLists">The top-K list of every evaluated user (empty for rating protocols).</param>
internal sealed record FoldOutcome(
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, double[]> PerUser,
    IReadOnlyList<Prediction> Predictions,
    IReadOnlyList<(int User, int[] Items)> TopLists);

/// <summary>Measures a fitted model on one split the way a protocol kind says.</summary>
internal abstract class FoldMeasure
{
    /// <summary>Metrics the measure adds beyond the requested ones (beyond-accuracy metrics).</summary>
    public virtual IReadOnlyList<string> ExtraMetrics => [];

    /// <summary>Measures the model on the split's test part.</summary>
    public abstract FoldOutcome Measure(DataSplit split, IRecommender model);
}
