using Affinity.Core.Data;

namespace Affinity.Core.Engine;

/// <summary>
/// A user's training history merged with their live events, one entry per item, in the dense indexes
/// of a snapshot. Implicit values add up (as the implicit models sum repeated positives); a rating
/// replaces the earlier rating of the same item, since a re-rating states the user's current opinion.
/// </summary>
internal sealed class MergedHistory
{
    private MergedHistory(int[] items, float[] values, bool[] live, int liveItems, int pending)
    {
        Items = items;
        Values = values;
        Live = live;
        LiveItems = liveItems;
        PendingItems = pending;
    }

    /// <summary>The items, ascending.</summary>
    public int[] Items { get; }

    /// <summary>Their merged values.</summary>
    public float[] Values { get; }

    /// <summary>Whether a live event touched the item.</summary>
    public bool[] Live { get; }

    /// <summary>How many items a live event touched.</summary>
    public int LiveItems { get; }

    /// <summary>Distinct live items the snapshot doesn't know.</summary>
    public int PendingItems { get; }

    /// <summary>Merges <paramref name="user"/>'s training row (none when -1) with <paramref name="live"/> (in sequence order).</summary>
    public static MergedHistory Build(ServingSnapshot snapshot, int user, LiveEvent[] live)
    {
        var trainingItems = user >= 0 ? snapshot.Seen.RowColumns(user) : [];
        var trainingValues = user >= 0 ? snapshot.Seen.RowValues(user) : [];
        var n = trainingItems.Length + live.Length;
        // The key orders by item, then by arrival (training first, then live by sequence), so one pass merges.
        var keys = new long[n];
        var values = new float[n];
        var isLive = new bool[n];
        var k = 0;
        for (var t = 0; t < trainingItems.Length; t++, k++)
        {
            keys[k] = ((long)trainingItems[t] << 32) | (uint)k;
            values[k] = trainingValues[t];
        }

        HashSet<string>? pending = null;
        foreach (var e in live)
        {
            if (!snapshot.Items.TryGetIndex(e.ItemId, out var item))
            {
                (pending ??= new HashSet<string>(StringComparer.Ordinal)).Add(e.ItemId);
                continue;
            }

            keys[k] = ((long)item << 32) | (uint)k;
            values[k] = e.Value;
            isLive[k] = true;
            k++;
        }

        var order = new int[k];
        for (var i = 0; i < k; i++)
        {
            order[i] = i;
        }

        keys.AsSpan(0, k).Sort(order.AsSpan());
        var replace = snapshot.Kind == FeedbackKind.Explicit;
        var items = new List<int>(k);
        var merged = new List<float>(k);
        var touched = new List<bool>(k);
        var liveItems = 0;
        for (var i = 0; i < k; i++)
        {
            var item = (int)(keys[i] >> 32);
            var value = values[order[i]];
            var fromLive = isLive[order[i]];
            if (items.Count > 0 && items[^1] == item)
            {
                merged[^1] = replace ? value : merged[^1] + value;
                liveItems += fromLive && !touched[^1] ? 1 : 0;
                touched[^1] |= fromLive;
            }
            else
            {
                items.Add(item);
                merged.Add(value);
                touched.Add(fromLive);
                liveItems += fromLive ? 1 : 0;
            }
        }

        return new MergedHistory([.. items], [.. merged], [.. touched], liveItems, pending?.Count ?? 0);
    }
}
