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
        var source = train.ByUser;
        var rows = new List<int>(source.EntryCount);
        var columns = new List<int>(source.EntryCount);
        var values = new List<float>(source.EntryCount);
        for (var u = 0; u < source.RowCount; u++)
        {
            var items = source.RowColumns(u);
            var sums = source.RowValues(u);
            var k = 0;
            while (k < items.Length)
            {
                // Rows are sorted by item, so repeats of a pair sit next to each other.
                var item = items[k];
                var sum = 0f;
                for (; k < items.Length && items[k] == item; k++)
                {
                    sum += sums[k];
                }

                if (sum > 0)
                {
                    rows.Add(u);
                    columns.Add(item);
                    values.Add(transform(sum));
                }
            }
        }

        return CsrMatrix.FromCoordinates(train.UserCount, train.ItemCount, rows.ToArray(), columns.ToArray(), values.ToArray());
    }
}
