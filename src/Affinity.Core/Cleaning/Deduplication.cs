using Affinity.Core.Data;

namespace Affinity.Core.Cleaning;

/// <summary>Aggregates repeated (user, item) events into one interaction per pair.</summary>
public static class Deduplication
{
    /// <summary>
    /// Returns a dataset with exactly one interaction per (user, item) pair that occurs in
    /// <paramref name="data"/>, aggregated by <paramref name="policy"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// "Latest" and "earliest" order events by timestamp, ties broken by input order (as a stable
    /// sort would); without timestamps by input order alone. <see cref="DuplicatePolicy.First"/> and
    /// <see cref="DuplicatePolicy.Last"/> keep the chosen event whole. The other policies compute
    /// the value over all events of the pair and keep the timestamp and event type of the latest.
    /// <see cref="DuplicatePolicy.Count"/> sets the kind to <see cref="FeedbackKind.Implicit"/>;
    /// the others keep the input kind.
    /// </para>
    /// <para>
    /// Each pair appears at the position of its first event in the input, so a dataset without
    /// repeated pairs comes back with the same interactions in the same order (under
    /// <see cref="DuplicatePolicy.Count"/>, with every value 1). Sum and Mean add in double precision.
    /// </para>
    /// </remarks>
    public static Dataset Deduplicate(Dataset data, DuplicatePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!Enum.IsDefined(policy))
        {
            throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown duplicate policy.");
        }

        var n = data.Count;
        var byUser = data.ByUser;
        var columns = byUser.Columns;
        var entryIds = byUser.EntryIds;
        var rowPointers = byUser.RowPointers;

        // Indexed by the position of a pair's first event, so that pairs come out in input order.
        var keptAt = new int[n];
        var valueAt = new float[n];
        Array.Fill(keptAt, -1);
        var pairs = 0;
        for (var u = 0; u < byUser.RowCount; u++)
        {
            var end = rowPointers[u + 1];
            for (var start = rowPointers[u]; start < end;)
            {
                var stop = start + 1;
                while (stop < end && columns[stop] == columns[start])
                {
                    stop++;
                }

                // The CSR build is stable, so a pair's events are in input order.
                var group = entryIds[start..stop];
                (keptAt[group[0]], valueAt[group[0]]) = Aggregate(data, group, policy);
                pairs++;
                start = stop;
            }
        }

        var kept = new int[pairs];
        var values = new float[pairs];
        var k = 0;
        for (var i = 0; i < n; i++)
        {
            if (keptAt[i] >= 0)
            {
                kept[k] = keptAt[i];
                values[k++] = valueAt[i];
            }
        }

        var kind = policy == DuplicatePolicy.Count ? FeedbackKind.Implicit : data.Kind;
        return data.Subset(kept).WithValues(values, kind);
    }

    private static (int Kept, float Value) Aggregate(Dataset data, ReadOnlySpan<int> group, DuplicatePolicy policy)
    {
        var values = data.Values;
        if (policy == DuplicatePolicy.First)
        {
            var first = Earliest(data, group);
            return (first, values[first]);
        }

        var latest = Latest(data, group);
        switch (policy)
        {
            case DuplicatePolicy.Last:
                return (latest, values[latest]);
            case DuplicatePolicy.Count:
                return (latest, group.Length);
            case DuplicatePolicy.Max:
            case DuplicatePolicy.Min:
                var best = values[group[0]];
                foreach (var i in group)
                {
                    best = policy == DuplicatePolicy.Max ? Math.Max(best, values[i]) : Math.Min(best, values[i]);
                }

                return (latest, best);
            default:
                var sum = 0.0;
                foreach (var i in group)
                {
                    sum += values[i];
                }

                return (latest, (float)(policy == DuplicatePolicy.Mean ? sum / group.Length : sum));
        }
    }

    private static int Earliest(Dataset data, ReadOnlySpan<int> group)
    {
        if (!data.HasTimestamps)
        {
            return group[0];
        }

        var timestamps = data.Timestamps;
        var best = group[0];
        foreach (var i in group)
        {
            if (timestamps[i] < timestamps[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static int Latest(Dataset data, ReadOnlySpan<int> group)
    {
        if (!data.HasTimestamps)
        {
            return group[^1];
        }

        var timestamps = data.Timestamps;
        var best = group[0];
        foreach (var i in group)
        {
            if (timestamps[i] >= timestamps[best])
            {
                best = i;
            }
        }

        return best;
    }
}
