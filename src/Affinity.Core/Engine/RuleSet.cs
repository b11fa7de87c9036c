namespace Affinity.Core.Engine;

/// <summary>
/// A request's rules bound to one snapshot: which items may appear (blocked, excluded, include list,
/// filters) and how scores change (boosts, freshness decay). Built once per request; the per-item
/// checks allocate nothing.
/// </summary>
internal sealed class RuleSet
{
    private readonly ItemCatalog _catalog;
    private readonly int[] _excluded;
    private readonly int[]? _included;
    private readonly ItemPredicate[] _filters;
    private readonly ItemPredicate[] _boostFilters;
    private readonly ItemBoost[] _boosts;
    private readonly double _decayPerSecond;
    private readonly long _now;

    private RuleSet(ItemCatalog catalog, int[] excluded, int[]? included, ItemPredicate[] filters, ItemPredicate[] boostFilters, ItemBoost[] boosts, double decayPerSecond, long now)
    {
        _catalog = catalog;
        _excluded = excluded;
        _included = included;
        _filters = filters;
        _boostFilters = boostFilters;
        _boosts = boosts;
        _decayPerSecond = decayPerSecond;
        _now = now;
    }

    /// <summary>The excluded items, ascending.</summary>
    public ReadOnlySpan<int> Excluded => _excluded;

    /// <summary>The included items, ascending, or null for every item.</summary>
    public int[]? Included => _included;

    /// <summary>Whether an item passes the filters (blocked, excluded, include list, attribute filters).</summary>
    public bool Passes(int item)
    {
        if (_catalog.IsBlocked(item) || _excluded.AsSpan().BinarySearch(item) >= 0 || (_included is not null && _included.AsSpan().BinarySearch(item) < 0))
        {
            return false;
        }

        foreach (var filter in _filters)
        {
            if (!filter.Matches(item))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a pin may place the item: only the hidden and unavailable flags and the exclude list stop it.</summary>
    public bool MayPin(int item) => !_catalog.IsBlocked(item) && _excluded.AsSpan().BinarySearch(item) < 0;

    /// <summary>The score after boosts and decay, and which of them acted.</summary>
    public float Adjust(int item, float score, out AppliedRules rules)
    {
        rules = AppliedRules.None;
        for (var b = 0; b < _boosts.Length; b++)
        {
            if (_boostFilters[b].Matches(item))
            {
                var boost = _boosts[b];
                score = Scale(score, boost.Multiply) + boost.Add;
                rules |= AppliedRules.Boosted;
            }
        }

        if (_decayPerSecond > 0)
        {
            var published = _catalog.PublishedAt(item);
            if (published != ItemCatalog.Unknown && _now > published)
            {
                score = Scale(score, (float)Math.Exp(-_decayPerSecond * (_now - published)));
                rules |= AppliedRules.Decayed;
            }
        }

        return score;
    }

    /// <summary>Binds a request's rules; ids the snapshot doesn't know are dropped.</summary>
    public static RuleSet For(ServingSnapshot snapshot, EngineRequest request, long now)
        => Create(snapshot, request.Exclude, request.Include, request.Filters, request.Boosts, request.FreshnessHalfLife, now);

    /// <summary>Binds filters alone (similar and popular items).</summary>
    public static RuleSet For(ServingSnapshot snapshot, IReadOnlyList<ItemFilter>? filters)
        => Create(snapshot, null, null, filters, null, null, 0);

    private static RuleSet Create(ServingSnapshot snapshot, IReadOnlyCollection<string>? exclude, IReadOnlyCollection<string>? include, IReadOnlyList<ItemFilter>? filters, IReadOnlyList<ItemBoost>? boosts, TimeSpan? halfLife, long now)
    {
        var attributes = snapshot.Catalog.Attributes;
        var boundFilters = new ItemPredicate[filters?.Count ?? 0];
        for (var f = 0; f < boundFilters.Length; f++)
        {
            var filter = filters![f] ?? throw new ArgumentException("A filter is null.", nameof(filters));
            boundFilters[f] = filter.Bind(attributes);
        }

        var boostList = new ItemBoost[boosts?.Count ?? 0];
        var boostFilters = new ItemPredicate[boostList.Length];
        for (var b = 0; b < boostList.Length; b++)
        {
            boostList[b] = boosts![b] ?? throw new ArgumentException("A boost is null.", nameof(boosts));
            boostFilters[b] = boostList[b].Filter.Bind(attributes);
        }

        // 2^(-age/h) = e^(-age · ln2 / h).
        var decay = halfLife is { } h ? Math.Log(2) / h.TotalSeconds : 0;
        return new RuleSet(snapshot.Catalog, Indexes(snapshot, exclude) ?? [], Indexes(snapshot, include), boundFilters, boostFilters, boostList, decay, now);
    }

    /// <summary>Multiplies a non-negative score and divides a negative one, so a factor above 1 always raises the score.</summary>
    private static float Scale(float score, float factor) => score >= 0 ? score * factor : score / factor;

    private static int[]? Indexes(ServingSnapshot snapshot, IReadOnlyCollection<string>? ids)
    {
        if (ids is null)
        {
            return null;
        }

        var indexes = new List<int>(ids.Count);
        foreach (var id in ids)
        {
            if (id is not null && snapshot.Items.TryGetIndex(id, out var item))
            {
                indexes.Add(item);
            }
        }

        indexes.Sort();
        return [.. indexes];
    }
}
