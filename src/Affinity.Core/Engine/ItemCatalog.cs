using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;

namespace Affinity.Core.Engine;

/// <summary>
/// What the engine knows about the catalogue besides the model: the items' attributes (for filters,
/// boosts and feature similarity), which items are hidden or unavailable (never shown), and when each
/// item was published (for freshness decay). Rows follow the dense indexes of <see cref="Items"/>.
/// Immutable; a changed catalogue is a new instance, served through
/// <see cref="RecommendationEngine.UpdateCatalog"/> without retraining.
/// </summary>
public sealed class ItemCatalog
{
    /// <summary>The value of <see cref="PublishedAt"/> for an item whose publication time is unknown.</summary>
    public const long Unknown = long.MinValue;

    private readonly bool[] _blocked;
    private readonly bool[] _hidden;
    private readonly bool[] _unavailable;
    private readonly long[] _published;
    private readonly int[] _blockedItems;

    /// <summary>
    /// Creates the catalogue of <paramref name="items"/>. Ids in <paramref name="hidden"/>,
    /// <paramref name="unavailable"/> and <paramref name="published"/> that the map doesn't know are
    /// ignored: they belong to items the snapshot can't serve anyway.
    /// </summary>
    /// <param name="items">The items, as the model's training data maps them.</param>
    /// <param name="attributes">One row per item; null for none.</param>
    /// <param name="hidden">Items hidden by the shop.</param>
    /// <param name="unavailable">Items out of stock or withdrawn.</param>
    /// <param name="published">Publication times in Unix seconds, by external id.</param>
    /// <exception cref="ArgumentException">The attribute table has a row count other than the item count.</exception>
    public ItemCatalog(IdMap items, AttributeTable? attributes = null, IEnumerable<string>? hidden = null, IEnumerable<string>? unavailable = null, IReadOnlyDictionary<string, long>? published = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        attributes ??= AttributeTable.Empty(items.Count);
        if (attributes.RowCount != items.Count)
        {
            throw new ArgumentException($"The attribute table has {attributes.RowCount} rows for {items.Count} items.", nameof(attributes));
        }

        Items = items;
        Attributes = attributes;
        _hidden = Flags(items, hidden);
        _unavailable = Flags(items, unavailable);
        _published = new long[items.Count];
        Array.Fill(_published, Unknown);
        if (published is not null)
        {
            foreach (var (id, time) in published)
            {
                if (items.TryGetIndex(id, out var item))
                {
                    _published[item] = time;
                }
            }
        }

        _blocked = new bool[items.Count];
        var blocked = new List<int>();
        for (var i = 0; i < _blocked.Length; i++)
        {
            if (_hidden[i] || _unavailable[i])
            {
                _blocked[i] = true;
                blocked.Add(i);
            }
        }

        _blockedItems = [.. blocked];
        HasPublicationTimes = published is not null && published.Count > 0;
    }

    /// <summary>The items, in dense-index order.</summary>
    public IdMap Items { get; }

    /// <summary>The items' attributes, one row per item.</summary>
    public AttributeTable Attributes { get; }

    /// <summary>Whether any item has a publication time.</summary>
    public bool HasPublicationTimes { get; }

    /// <summary>The hidden or unavailable items, ascending.</summary>
    public ReadOnlySpan<int> BlockedItems => _blockedItems;

    /// <summary>Whether the item is hidden.</summary>
    public bool IsHidden(int item) => _hidden[item];

    /// <summary>Whether the item is unavailable.</summary>
    public bool IsUnavailable(int item) => _unavailable[item];

    /// <summary>Whether the item must never be shown (hidden or unavailable).</summary>
    public bool IsBlocked(int item) => _blocked[item];

    /// <summary>The item's publication time in Unix seconds, or <see cref="Unknown"/>.</summary>
    public long PublishedAt(int item) => _published[item];

    /// <summary>The same catalogue with other hidden and unavailable items (publication times and attributes kept).</summary>
    public ItemCatalog WithBlocked(IEnumerable<string>? hidden, IEnumerable<string>? unavailable)
    {
        var published = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < _published.Length; i++)
        {
            if (_published[i] != Unknown)
            {
                published[Items[i]] = _published[i];
            }
        }

        return new ItemCatalog(Items, Attributes, hidden, unavailable, published);
    }

    private static bool[] Flags(IdMap items, IEnumerable<string>? ids)
    {
        var flags = new bool[items.Count];
        if (ids is not null)
        {
            foreach (var id in ids)
            {
                if (id is not null && items.TryGetIndex(id, out var item))
                {
                    flags[item] = true;
                }
            }
        }

        return flags;
    }
}
