namespace Affinity.Core.Recommending;

/// <summary>How a recommendation list was produced.</summary>
public enum RecommendationSource
{
    /// <summary>The model scored the user.</summary>
    Model,

    /// <summary>The model knew nothing of the user; the list is the fallback (most popular items).</summary>
    Fallback,
}

/// <summary>Ranked items for one user, best first, with how they were produced.</summary>
public sealed record RecommendationList(int User, IReadOnlyList<ScoredItem> Items, RecommendationSource Source)
{
    /// <summary>Whether the list came from the fallback rather than the model.</summary>
    public bool IsFallback => Source == RecommendationSource.Fallback;

    /// <summary>
    /// Which route of a composed model produced the list ("warm", "cold", "fallback" for the
    /// router); null for a model that does not route.
    /// </summary>
    public string? Route { get; init; }
}
