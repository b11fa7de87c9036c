namespace Affinity.Evaluation.Metrics;

/// <summary>
/// What average precision at k divides the summed precisions by. Libraries disagree, so a
/// MAP number means little unless it says which one it used.
/// </summary>
public enum MapNormalizer
{
    /// <summary>
    /// The number of relevant items, |rel|: Microsoft Recommenders <c>map</c> (and its
    /// <c>map_at_k</c> before it adopted Spark's convention). A user with more relevant items than k
    /// can never reach 1.
    /// </summary>
    RelevantCount,

    /// <summary>
    /// min(k, |rel|): RecBole <c>MAP</c>, ml_metrics <c>apk</c>, Spark MLlib
    /// <c>meanAveragePrecisionAt</c> and current Microsoft Recommenders <c>map_at_k</c>. A perfect
    /// top k scores 1 however many relevant items the user has.
    /// </summary>
    MinOfKAndRelevant,
}
