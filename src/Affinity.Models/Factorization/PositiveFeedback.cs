using Affinity.Core.Data;

namespace Affinity.Models.Factorization;

/// <summary>
/// The positives that implicit factor models learn from: each (user, item) pair once, its values
/// summed (an event log may repeat a pair; the plays of one artist add up), kept when the sum is
/// greater than zero, as Hu et al. set p = 1 exactly where r &gt; 0. The values of the returned matrix
/// are the summed values passed through a per-model transform (a confidence increment for ALS).
/// </summary>
internal static class PositiveFeedback
{
    /// <summary>Users × items, rows sorted by item, one entry per positive pair, value = transform(sum).</summary>
    public static CsrMatrix ByUser(Dataset train, Func<float, float> transform)
    {
        // The source rows are sorted by item, so the result is written in order, row by row.
        var source = train.ByUser;
        var rowPointers = new int[source.RowCount + 1];
        var columns = new int[source.EntryCount];
        var values = new float[source.EntryCount];
        var entryIds = new int[source.EntryCount];
        var count = 0;
        for (var u = 0; u < source.RowCount; u++)
        {
            var items = source.RowColumns(u);
            var sums = source.RowValues(u);
            var ids = source.RowEntryIds(u);
            var k = 0;
            while (k < items.Length)
            {
                // Repeats of a pair sit next to each other; the positive keeps the first one's entry id.
                var item = items[k];
                var first = ids[k];
                var sum = 0f;
                for (; k < items.Length && items[k] == item; k++)
                {
                    sum += sums[k];
                }

                if (sum > 0)
                {
                    columns[count] = item;
                    values[count] = transform(sum);
                    entryIds[count] = first;
                    count++;
                }
            }

            rowPointers[u + 1] = count;
        }

        Array.Resize(ref columns, count);
        Array.Resize(ref values, count);
        Array.Resize(ref entryIds, count);
        return CsrMatrix.FromParts(train.UserCount, train.ItemCount, rowPointers, columns, values, entryIds);
    }
}
