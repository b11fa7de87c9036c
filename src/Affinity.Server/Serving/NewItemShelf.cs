using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;
using Affinity.Core.Engine;
using Affinity.Core.Features;
using Affinity.Storage;

namespace Affinity.Server.Serving;

/// <summary>
/// The content route for items the served model cannot score: catalogue items added after its snapshot.
/// Every catalogue item's attributes are encoded together (<see cref="FeatureEncoder"/>: one-hot categories,
/// TF-IDF tags and words), and a new item is scored for a user by the mean feature cosine
/// (<see cref="FeatureCosineSimilarity"/>) between it and the items of the user's history, the
/// item-to-item content score of Lops, de Gemmis and Semeraro, "Content-based recommender systems"
/// (Recommender Systems Handbook, 2011), averaged over the profile.
/// </summary>
/// <remarks>
/// Only visible, available items with at least one feature are on the shelf; an item leaves it when a
/// model trained on it is activated. Built whole from the catalogue, so the host rebuilds it lazily
/// after a catalogue change or a model swap, not per request.
/// </remarks>
internal sealed class NewItemShelf
{
    private readonly IdMap _ids;
    private readonly FeatureCosineSimilarity? _similarity;
    private readonly int[] _newRows;
    private readonly bool[] _visible;

    private NewItemShelf(IdMap ids, FeatureCosineSimilarity? similarity, int[] newRows, bool[] visible)
    {
        _ids = ids;
        _similarity = similarity;
        _newRows = newRows;
        _visible = visible;
    }

    /// <summary>How many new items are on the shelf.</summary>
    public int Count => _newRows.Length;

    /// <summary>The shelf for a snapshot's items and the catalogue as it is now.</summary>
    public static NewItemShelf Build(IdMap snapshotItems, IReadOnlyDictionary<string, ItemRecord> items)
    {
        ArgumentNullException.ThrowIfNull(snapshotItems);
        ArgumentNullException.ThrowIfNull(items);
        var hasNew = false;
        foreach (var (id, record) in items)
        {
            hasNew |= !snapshotItems.TryGetIndex(id, out _) && Shows(record);
        }

        if (!hasNew)
        {
            return new NewItemShelf(new IdMapBuilder().Build(), null, [], []);
        }

        var builder = new IdMapBuilder();
        var table = new AttributeTableBuilder(builder);
        foreach (var id in items.Keys.Order(StringComparer.Ordinal))
        {
            ServedModelLoader.AddAttributes(table, id, items[id].Attributes);
        }

        var ids = builder.Build();
        var features = FeatureEncoder.Encode(table.Build(ids));
        var similarity = new FeatureCosineSimilarity(features);
        var visible = new bool[ids.Count];
        var newRows = new List<int>();
        for (var r = 0; r < ids.Count; r++)
        {
            var record = items[ids[r]];
            visible[r] = Shows(record) && features.Values.RowColumns(r).Length > 0;
            if (visible[r] && !snapshotItems.TryGetIndex(ids[r], out _))
            {
                newRows.Add(r);
            }
        }

        return new NewItemShelf(ids, similarity, [.. newRows], visible);
    }

    /// <summary>
    /// The new items most like <paramref name="history"/> (mean cosine over its items; items without
    /// attributes add 0), positive scores only, best first, leaving out <paramref name="exclude"/>.
    /// </summary>
    public IReadOnlyList<(string ItemId, float Score)> ForHistory(IReadOnlyList<string> history, IReadOnlySet<string> exclude, int count)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(exclude);
        if (_similarity is null || history.Count == 0 || count <= 0)
        {
            return [];
        }

        var rows = new List<int>(history.Count);
        foreach (var id in history)
        {
            if (_ids.TryGetIndex(id, out var row))
            {
                rows.Add(row);
            }
        }

        var scored = new List<(string ItemId, float Score)>();
        foreach (var candidate in _newRows)
        {
            if (exclude.Contains(_ids[candidate]))
            {
                continue;
            }

            var sum = 0f;
            foreach (var row in rows)
            {
                sum += _similarity.Similarity(candidate, row);
            }

            if (sum > 0)
            {
                scored.Add((_ids[candidate], sum / history.Count));
            }
        }

        return Top(scored, count);
    }

    /// <summary>For a new item, the visible catalogue items most like it by features (positive cosine only); empty for an item not on the shelf.</summary>
    public IReadOnlyList<(string ItemId, float Score)> Similar(string itemId, int count)
    {
        if (_similarity is null || !_ids.TryGetIndex(itemId, out var item) || Array.IndexOf(_newRows, item) < 0)
        {
            return [];
        }

        var scored = new List<(string ItemId, float Score)>();
        for (var r = 0; r < _ids.Count; r++)
        {
            if (r != item && _visible[r] && _similarity.Similarity(item, r) is > 0 and var score)
            {
                scored.Add((_ids[r], score));
            }
        }

        return Top(scored, count);
    }

    private static bool Shows(ItemRecord record) => record.Available && !record.Hidden;

    private static List<(string ItemId, float Score)> Top(List<(string ItemId, float Score)> scored, int count)
    {
        scored.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.ItemId, b.ItemId));
        return scored.Count > count ? scored.GetRange(0, count) : scored;
    }
}
