using System.Text.Json;

namespace Affinity.Models.Hybrid;

/// <summary>
/// Options of <see cref="Router"/>: the three catalogue models it routes between, each by name with
/// optional JSON options (null means that model's defaults), the history length that makes a user
/// warm, and the share of list positions kept for new items on the warm route.
/// </summary>
/// <remarks>
/// The defaults: <c>als</c> for warm users (the best collaborative model of the README's msr-stratified
/// table with EASE), <c>lightfm</c> for users with a short history or only attributes and for new items
/// (the hybrid scores both from features; on ML-100K's cold-items protocol it ranks held-out items at
/// nDCG@10 0.31 against 0.27 for the content model and 0.07 for popularity), and <c>popularity</c> as
/// the last fallback. <see cref="MinHistory"/> = 5 follows the common 5-core threshold below
/// which collaborative factors are poorly determined.
/// </remarks>
public sealed record RouterOptions
{
    /// <summary>The model for users with at least <see cref="MinHistory"/> training interactions. Default: "als".</summary>
    public string Warm { get; init => field = RequireName(value, nameof(Warm)); } = "als";

    /// <summary>The warm model's options as JSON; null for its defaults.</summary>
    public JsonElement? WarmOptions { get; init; }

    /// <summary>The model for users with a shorter history (or none, if it scores users from attributes), and for new items on the warm route. Default: "lightfm".</summary>
    public string Cold { get; init => field = RequireName(value, nameof(Cold)); } = "lightfm";

    /// <summary>The cold model's options as JSON; null for its defaults.</summary>
    public JsonElement? ColdOptions { get; init; }

    /// <summary>The model for users neither of the others can score. Default: "popularity".</summary>
    public string Fallback { get; init => field = RequireName(value, nameof(Fallback)); } = "popularity";

    /// <summary>The fallback model's options as JSON; null for its defaults.</summary>
    public JsonElement? FallbackOptions { get; init; }

    /// <summary>The training interactions that make a user warm; at least 1. Default: 5.</summary>
    public int MinHistory { get; init => field = OptionGuard.Positive(value, nameof(MinHistory)); } = 5;

    /// <summary>
    /// On the warm route, the share of list positions given to items without training interactions,
    /// ranked by the cold model, in [0, 1). 0 (the default) puts them after every item the warm model
    /// knows; 0.1 gives every tenth position to a new item, trading warm accuracy for exposure.
    /// </summary>
    public double NewItemShare
    {
        get;
        init => field = value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(NewItemShare), value, "The new-item share must lie in [0, 1).");
    }

    /// <summary>Equal when every option is equal, member options compared as JSON values.</summary>
    public bool Equals(RouterOptions? other)
        => other is not null
            && string.Equals(Warm, other.Warm, StringComparison.Ordinal)
            && string.Equals(Cold, other.Cold, StringComparison.Ordinal)
            && string.Equals(Fallback, other.Fallback, StringComparison.Ordinal)
            && SameJson(WarmOptions, other.WarmOptions)
            && SameJson(ColdOptions, other.ColdOptions)
            && SameJson(FallbackOptions, other.FallbackOptions)
            && MinHistory == other.MinHistory
            && NewItemShare.Equals(other.NewItemShare);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Warm), StringComparer.Ordinal.GetHashCode(Cold), StringComparer.Ordinal.GetHashCode(Fallback), MinHistory, NewItemShare);

    private static bool SameJson(JsonElement? a, JsonElement? b) => a is { } x ? b is { } y && JsonElement.DeepEquals(x, y) : b is null;

    private static string RequireName(string value, string option)
        => string.IsNullOrWhiteSpace(value) ? throw new ArgumentOutOfRangeException(option, value, "A router member needs a model name.") : value;
}
