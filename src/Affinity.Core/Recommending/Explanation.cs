namespace Affinity.Core.Recommending;

/// <summary>What a reason points at.</summary>
public enum ReasonKind
{
    /// <summary>An item of the user's history (<see cref="Reason.Item"/>) that contributed to the score: a neighbour, or a large share of a factor model's score.</summary>
    HistoryItem,

    /// <summary>A feature the item and the user's profile share (<see cref="Reason.Feature"/>, "genres=Sci-Fi").</summary>
    Feature,

    /// <summary>The item is popular (the fallback, or a popularity model).</summary>
    Popularity,

    /// <summary>The user's or the item's own bias (a baseline term, not tied to another item).</summary>
    Bias,
}

/// <summary>One reason behind a score, with its share of the score (<see cref="Weight"/>, in the model's own units).</summary>
/// <param name="Kind">What the reason points at.</param>
/// <param name="Weight">How much it contributed; reasons are compared by it within one explanation.</param>
/// <param name="Item">The history item (dense index) for <see cref="ReasonKind.HistoryItem"/>, otherwise -1.</param>
/// <param name="Feature">The feature name for <see cref="ReasonKind.Feature"/>, otherwise null.</param>
public sealed record Reason(ReasonKind Kind, float Weight, int Item = -1, string? Feature = null);

/// <summary>Why a model scores an item for a user: the score and its strongest reasons, strongest first.</summary>
/// <param name="User">The user's dense index.</param>
/// <param name="Item">The item's dense index.</param>
/// <param name="Score">The model's score for the pair.</param>
/// <param name="Reasons">The reasons, strongest first.</param>
public sealed record Explanation(int User, int Item, float Score, IReadOnlyList<Reason> Reasons);
