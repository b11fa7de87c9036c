namespace Affinity.Core.Retrieval;

/// <summary>
/// Which items a search may return: every item (the default), a predicate, a set of allowed items,
/// or a flag per item (allowed, or excluded as <see cref="Kernels.TopK"/>'s <c>skip</c>). A ref
/// struct, so a flag span costs the search nothing to pass. Filters restrict the results, not the
/// graph walk: an approximate index still walks through excluded items to reach allowed ones.
/// </summary>
public readonly ref struct RetrievalFilter
{
    private readonly Func<int, bool>? _predicate;
    private readonly IReadOnlySet<int>? _set;
    private readonly ReadOnlySpan<bool> _flags;
    private readonly bool _flagsExclude;
    private readonly bool _hasFlags;

    private RetrievalFilter(Func<int, bool>? predicate, IReadOnlySet<int>? set, ReadOnlySpan<bool> flags, bool flagsExclude, bool hasFlags)
    {
        _predicate = predicate;
        _set = set;
        _flags = flags;
        _flagsExclude = flagsExclude;
        _hasFlags = hasFlags;
    }

    /// <summary>Whether the filter lets every item through.</summary>
    public bool IsEmpty => _predicate is null && _set is null && !_hasFlags;

    /// <summary>Only items for which <paramref name="predicate"/> is true. It may be called from several threads at once.</summary>
    public static RetrievalFilter Where(Func<int, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new RetrievalFilter(predicate, null, default, false, false);
    }

    /// <summary>Only the items in <paramref name="items"/>.</summary>
    public static RetrievalFilter AllowedSet(IReadOnlySet<int> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new RetrievalFilter(null, items, default, false, false);
    }

    /// <summary>Only items whose flag is true; one flag per item of the retriever.</summary>
    public static RetrievalFilter Allowed(ReadOnlySpan<bool> allowed) => new(null, null, allowed, false, true);

    /// <summary>Every item except those whose flag is true (seen items, say); one flag per item of the retriever.</summary>
    public static RetrievalFilter Excluded(ReadOnlySpan<bool> excluded) => new(null, null, excluded, true, true);

    /// <summary>Whether <paramref name="item"/> may be returned.</summary>
    public bool Allows(int item)
    {
        if (_hasFlags)
        {
            return _flags[item] != _flagsExclude;
        }

        if (_set is not null)
        {
            return _set.Contains(item);
        }

        return _predicate is null || _predicate(item);
    }

    /// <summary>Throws when a flag span does not cover exactly <paramref name="itemCount"/> items.</summary>
    internal void CheckCovers(int itemCount)
    {
        if (_hasFlags && _flags.Length != itemCount)
        {
            throw new ArgumentException($"The filter holds {_flags.Length} flags; the retriever has {itemCount} items.", "filter");
        }
    }
}
