using Affinity.Core.Data;

namespace Affinity.Models.Linear;

/// <summary>
/// The training interactions as the linear models read them: one entry per (user, item) pair,
/// weighing 1 when binarised or the sum of the pair's values otherwise, over the items that occur
/// in training ("active" items, renumbered 0..m-1 in item order). Items nobody touched have an
/// all-zero column in X, so they add nothing to X^T X or to any random walk: leaving them out
/// changes no score and shrinks the dense work. Immutable.
/// </summary>
internal sealed class ItemInteractions
{
    private ItemInteractions(int[] activeItems, int[] compactOf, CsrMatrix byUser)
    {
        ActiveItems = activeItems;
        CompactOf = compactOf;
        ByUser = byUser;
        ByItem = byUser.Transpose();
    }

    /// <summary>The item index of every active item, ascending.</summary>
    public int[] ActiveItems { get; }

    /// <summary>For every item index, its active position, or -1 when no training user touched it.</summary>
    public int[] CompactOf { get; }

    /// <summary>Users x active items, one entry per pair.</summary>
    public CsrMatrix ByUser { get; }

    /// <summary>Active items x users, one entry per pair.</summary>
    public CsrMatrix ByItem { get; }

    /// <summary>Collapses the training data's repeated pairs and renumbers the items that occur.</summary>
    public static ItemInteractions From(Dataset train, bool binarize)
    {
        var compactOf = new int[train.ItemCount];
        Array.Fill(compactOf, -1);
        var seen = train.ByUser;
        foreach (var item in seen.Columns)
        {
            compactOf[item] = 0;
        }

        var active = new List<int>();
        for (var item = 0; item < compactOf.Length; item++)
        {
            if (compactOf[item] == 0)
            {
                compactOf[item] = active.Count;
                active.Add(item);
            }
        }

        var rows = new int[seen.EntryCount];
        var columns = new int[seen.EntryCount];
        var values = new float[seen.EntryCount];
        var pairs = 0;
        for (var u = 0; u < seen.RowCount; u++)
        {
            var count = Collapse(seen.RowColumns(u), seen.RowValues(u), binarize, columns.AsSpan(pairs), values.AsSpan(pairs));
            rows.AsSpan(pairs, count).Fill(u);
            for (var k = pairs; k < pairs + count; k++)
            {
                columns[k] = compactOf[columns[k]];
            }

            pairs += count;
        }

        var byUser = CsrMatrix.FromCoordinates(seen.RowCount, active.Count, rows.AsSpan(0, pairs), columns.AsSpan(0, pairs), values.AsSpan(0, pairs));
        return new ItemInteractions([.. active], compactOf, byUser);
    }

    /// <summary>
    /// Writes one (item, weight) per distinct item of a row whose columns are sorted (repeats
    /// adjacent): weight 1 when binarised, else the sum of the repeats' values. Returns the count.
    /// </summary>
    public static int Collapse(ReadOnlySpan<int> sortedItems, ReadOnlySpan<float> values, bool binarize, Span<int> items, Span<float> weights)
    {
        var count = 0;
        for (var k = 0; k < sortedItems.Length; k++)
        {
            var value = binarize ? 1 : values[k];
            if (count > 0 && items[count - 1] == sortedItems[k])
            {
                if (!binarize)
                {
                    weights[count - 1] += value;
                }

                continue;
            }

            items[count] = sortedItems[k];
            weights[count] = value;
            count++;
        }

        return count;
    }
}
