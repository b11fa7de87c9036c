using Affinity.Core.Data;
using Affinity.Core.Kernels;

namespace Affinity.Models.Linear;

/// <summary>
/// The sparsified item x item rows of <see cref="Rp3Beta"/>. Kept inside Linear/ on purpose (small
/// and specific); a shared sparse top-k similarity store for the neighbourhood models could absorb it.
/// </summary>
internal static class RandomWalkRows
{
    /// <summary>One sparsified row: active-item columns ascending and their weights.</summary>
    internal readonly record struct Row(int[] Columns, float[] Values);

    /// <summary>Computes every active item's kept weights, one thread per row at a time.</summary>
    /// <exception cref="ArgumentException">Values are not binarised and some pair's weight is not positive.</exception>
    public static Row[] Compute(ItemInteractions data, Rp3BetaOptions settings, ParallelOptions options)
    {
        var byUser = data.ByUser;
        var byItem = data.ByItem;
        var m = data.ActiveItems.Length;
        var alpha = settings.Alpha;

        // P_ui^alpha, aligned with the entries of byUser.
        var userSteps = new float[byUser.EntryCount];
        for (var u = 0; u < byUser.RowCount; u++)
        {
            var values = byUser.RowValues(u);
            var total = 0.0;
            foreach (var v in values)
            {
                if (!(v > 0))
                {
                    throw new ArgumentException($"RP3beta walks on positive weights; user {u} has the weight {v}. Binarise, or keep only positive values.", nameof(data));
                }

                total += v;
            }

            var start = byUser.RowPointers[u];
            for (var e = 0; e < values.Length; e++)
            {
                userSteps[start + e] = (float)Math.Pow(values[e] / total, alpha);
            }
        }

        // popularity(j)^-beta for the arrival item, and P_iu^alpha = popularity(i)^-alpha for the first step.
        var arrival = new float[m];
        var departure = new float[m];
        for (var i = 0; i < m; i++)
        {
            var popularity = (double)byItem.RowLength(i);
            arrival[i] = (float)Math.Pow(popularity, -settings.Beta);
            departure[i] = (float)Math.Pow(popularity, -alpha);
        }

        var rows = new Row[m];
        Parallel.For(0, m, options, () => new Scratch(m), (i, _, scratch) =>
        {
            rows[i] = ComputeRow(i, byItem, byUser, userSteps, departure[i], arrival, settings, scratch);
            return scratch;
        }, _ => { });
        return rows;
    }

    /// <summary>Spreads the active-item rows over the whole catalogue (items without interactions get empty rows).</summary>
    public static CsrMatrix Assemble(Row[] rows, int[] activeItems, int itemCount)
    {
        var pointers = new int[itemCount + 1];
        for (var r = 0; r < rows.Length; r++)
        {
            pointers[activeItems[r] + 1] = rows[r].Columns.Length;
        }

        for (var i = 0; i < itemCount; i++)
        {
            pointers[i + 1] += pointers[i];
        }

        var columns = new int[pointers[itemCount]];
        var values = new float[columns.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            var start = pointers[activeItems[r]];
            var row = rows[r];
            for (var e = 0; e < row.Columns.Length; e++)
            {
                columns[start + e] = activeItems[row.Columns[e]];
            }

            row.Values.CopyTo(values, start);
        }

        return CsrMatrix.FromParts(itemCount, itemCount, pointers, columns, values, new int[columns.Length]);
    }

    private static Row ComputeRow(int i, CsrMatrix byItem, CsrMatrix byUser, float[] userSteps, float departure, float[] arrival, Rp3BetaOptions settings, Scratch scratch)
    {
        var sums = scratch.Sums;
        var stamp = scratch.Stamp;
        var touched = scratch.Touched;
        var count = 0;
        var mark = i + 1;
        stamp[i] = mark; // W_ii = 0: the walk back to the item itself is dropped
        foreach (var u in byItem.RowColumns(i))
        {
            var items = byUser.RowColumns(u);
            var steps = userSteps.AsSpan(byUser.RowPointers[u], items.Length);
            for (var e = 0; e < items.Length; e++)
            {
                var j = items[e];
                if (stamp[j] != mark)
                {
                    stamp[j] = mark;
                    sums[j] = 0;
                    touched[count++] = j;
                }

                sums[j] += steps[e];
            }
        }

        // Ascending columns make the top-k's ties fall to the smaller item, and the row ready for CSR.
        var candidates = touched.AsSpan(0, count);
        candidates.Sort();
        var weights = scratch.Weights.AsSpan(0, count);
        for (var k = 0; k < count; k++)
        {
            weights[k] = departure * sums[candidates[k]] * arrival[candidates[k]];
        }

        var keep = Math.Min(settings.Neighbors, count);
        var positions = new int[keep];
        var kept = new float[keep];
        keep = TopK.Select(weights, [], positions, kept);
        Array.Sort(positions, kept, 0, keep);
        var columns = new int[keep];
        var total = 0.0;
        for (var k = 0; k < keep; k++)
        {
            columns[k] = candidates[positions[k]];
            total += kept[k];
        }

        if (settings.NormalizeRows && total > 0)
        {
            for (var k = 0; k < keep; k++)
            {
                kept[k] = (float)(kept[k] / total);
            }
        }

        return new Row(columns, kept);
    }

    /// <summary>Per-thread buffers, one slot per active item.</summary>
    private sealed class Scratch(int m)
    {
        public float[] Sums { get; } = new float[m];

        public int[] Stamp { get; } = new int[m];

        public int[] Touched { get; } = new int[m];

        public float[] Weights { get; } = new float[m];
    }
}
