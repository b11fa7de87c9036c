namespace Affinity.Core.Engine;

/// <summary>
/// One recommendation request to <see cref="RecommendationEngine"/>, in external ids, with the
/// business rules to apply. Immutable; every property is validated when set.
/// </summary>
/// <remarks>
/// <para>The rules act in this order. (1) Items that are hidden or unavailable in the snapshot's
/// <see cref="ItemCatalog"/> are never shown, whatever else the request says. (2) Hard filters drop
/// items: seen items (<see cref="ExcludeSeen"/>), <see cref="Exclude"/>, everything outside
/// <see cref="Include"/> when given, and items failing any of <see cref="Filters"/> (all must match).
/// (3) Scores are adjusted: each matching <see cref="Boosts"/> entry gives <c>score × Multiply + Add</c>, then
/// <see cref="FreshnessHalfLife"/> multiplies by <c>2^(−age / halfLife)</c> for items whose publication
/// time is known. A negative score is divided by a factor instead of multiplied, so that a boost always
/// moves an item up and age always moves it down. (4) The best items are selected, re-ranked by
/// <see cref="Diversity"/> when set. (5) <see cref="Pins"/> take their positions; a pin beats the seen
/// rule, <see cref="Include"/> and <see cref="Filters"/>, but not <see cref="Exclude"/> nor the hidden and
/// unavailable flags.</para>
/// <para>Ids the snapshot does not know are ignored in <see cref="Exclude"/>, <see cref="Include"/> and
/// <see cref="Pins"/>; a filter on a field the catalogue lacks is an error (most likely a typo).</para>
/// </remarks>
public sealed record EngineRequest
{
    /// <summary>Creates a request for the top <paramref name="count"/> items of a user.</summary>
    /// <exception cref="ArgumentException">The user id is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative.</exception>
    public EngineRequest(string userId, int count)
    {
        UserId = userId;
        Count = count;
    }

    /// <summary>The external user id; an id the snapshot does not know is a new user.</summary>
    public string UserId
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(UserId));
            field = value;
        }
    }

    /// <summary>How many items to return at most (fewer when fewer pass the rules).</summary>
    public int Count
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(Count));
            field = value;
        }
    }

    /// <summary>Whether to drop the items of the user's history (training and live); true by default.</summary>
    public bool ExcludeSeen { get; init; } = true;

    /// <summary>External ids never to return.</summary>
    public IReadOnlyCollection<string>? Exclude { get; init; }

    /// <summary>When set, the only external ids that may be returned (pins aside).</summary>
    public IReadOnlyCollection<string>? Include { get; init; }

    /// <summary>Attribute conditions every returned item must meet (pins aside).</summary>
    public IReadOnlyList<ItemFilter>? Filters { get; init; }

    /// <summary>Score changes for the items that match a filter, applied in order.</summary>
    public IReadOnlyList<ItemBoost>? Boosts { get; init; }

    /// <summary>Items at fixed positions; two pins may share neither an item nor a position.</summary>
    /// <exception cref="ArgumentException">Two pins share an item or a position.</exception>
    public IReadOnlyList<ItemPin>? Pins
    {
        get;
        init => field = value is null ? null : CheckPins(value);
    }

    /// <summary>
    /// The λ of maximal marginal relevance in [0, 1] (Carbonell and Goldstein, SIGIR 1998), or null for
    /// no re-ranking: 1 is the plain ranking, 0 picks each next item as unlike the ones above as possible.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double? Diversity
    {
        get;
        init
        {
            if (value is { } lambda && !(lambda >= 0 && lambda <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(Diversity), lambda, "The diversity λ must lie in [0, 1].");
            }

            field = value;
        }
    }

    /// <summary>The half-life of freshness decay, or null for none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The half-life is zero or negative.</exception>
    public TimeSpan? FreshnessHalfLife
    {
        get;
        init
        {
            if (value is { } halfLife)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero, nameof(FreshnessHalfLife));
            }

            field = value;
        }
    }

    /// <summary>"Now" for freshness decay, in Unix seconds; null reads the engine's clock.</summary>
    public long? Now { get; init; }

    /// <summary>Whether each item carries its explanation.</summary>
    public bool Explain { get; init; }

    /// <summary>The most reasons per explanation; 3 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxReasons
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(MaxReasons));
            field = value;
        }
    } = 3;

    private static IReadOnlyList<ItemPin> CheckPins(IReadOnlyList<ItemPin> pins)
    {
        var items = new HashSet<string>(StringComparer.Ordinal);
        var positions = new HashSet<int>();
        foreach (var pin in pins)
        {
            ArgumentNullException.ThrowIfNull(pin, nameof(Pins));
            if (!items.Add(pin.ItemId) || !positions.Add(pin.Position))
            {
                throw new ArgumentException($"The pin of '{pin.ItemId}' at {pin.Position} repeats an item or a position.", nameof(Pins));
            }
        }

        return pins;
    }
}
