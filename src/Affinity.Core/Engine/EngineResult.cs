using Affinity.Core.Recommending;

namespace Affinity.Core.Engine;

/// <summary>How the engine scored a request.</summary>
public enum ServingRoute
{
    /// <summary>The model's own recommendations for a training user without live events.</summary>
    Model,

    /// <summary>The user's training history merged with live events, scored through <see cref="IFoldIn"/>.</summary>
    FoldIn,

    /// <summary>Popularity: a user the model can't score (unknown, forgotten or without history) and no usable live events.</summary>
    Fallback,
}

/// <summary>Which rules acted on one result item.</summary>
[Flags]
public enum AppliedRules
{
    /// <summary>No rule changed the item's score or place.</summary>
    None = 0,

    /// <summary>A boost matched the item.</summary>
    Boosted = 1,

    /// <summary>Freshness decay lowered the item's score.</summary>
    Decayed = 2,

    /// <summary>Diversity re-ranking moved the item from its place in the plain ranking.</summary>
    Diversified = 4,

    /// <summary>A pin placed the item.</summary>
    Pinned = 8,
}

/// <summary>One recommended item.</summary>
/// <param name="ItemId">The external item id.</param>
/// <param name="Item">The item's dense index in the snapshot (its explanation's indexes are the same kind).</param>
/// <param name="Score">The score after boosts and decay; for a pinned item its adjusted score when it was scored, else 0.</param>
/// <param name="Rank">The 0-based position in the result.</param>
/// <param name="Rules">The rules that acted on the item.</param>
/// <param name="Explanation">Why it was recommended, when the request asked; reasons hold dense indexes of the snapshot.</param>
public sealed record EngineItem(string ItemId, int Item, float Score, int Rank, AppliedRules Rules, Explanation? Explanation);

/// <summary>The answer to an <see cref="EngineRequest"/>.</summary>
/// <param name="UserId">The user asked for.</param>
/// <param name="Route">How the user was scored.</param>
/// <param name="Items">The items, best first.</param>
/// <param name="SnapshotSequence">The high-water mark of the snapshot that served the request.</param>
/// <param name="SnapshotVersion">That snapshot's version label.</param>
/// <param name="PendingLiveItems">Distinct items of the user's live events that the snapshot doesn't know: kept, but scored only once a snapshot trained on them is activated.</param>
public sealed record EngineResult(string UserId, ServingRoute Route, IReadOnlyList<EngineItem> Items, long SnapshotSequence, string? SnapshotVersion, int PendingLiveItems);
