namespace Affinity.Evaluation.Running;

/// <summary>The names of what the cold-start protocols report beside the accuracy metrics.</summary>
public static class ColdStartMetrics
{
    /// <summary>
    /// The share of evaluated users whose list was the model's flagged fallback
    /// (<see cref="Core.Recommending.RecommendationList.IsFallback"/>) rather than the model's own scoring.
    /// </summary>
    public const string FallbackShare = "FallbackShare";
}
