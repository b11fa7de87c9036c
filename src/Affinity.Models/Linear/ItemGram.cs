using Affinity.Core.Data;

namespace Affinity.Models.Linear;

/// <summary>Gram matrices of the sparse training matrix X: X^T X (item x item) or X X^T (user x user).</summary>
internal static class ItemGram
{
    /// <summary>
    /// Writes the lower triangle of A A^T + lambda I into the row-major <paramref name="gram"/>
    /// (order = rows of A; the strict upper triangle is left as it was), where A is given both by
    /// rows (<paramref name="rows"/>) and by columns (<paramref name="columns"/> = A^T). Row r is
    /// the sum, over the columns c of row r, of A[r, c] times column c cut at row r: sparse outer
    /// products, each Gram row owned by one thread so no two threads write the same memory.
    /// X^T X takes (X by item, X by user); X X^T takes (X by user, X by item).
    /// </summary>
    public static void FillLower(CsrMatrix rows, CsrMatrix columns, float lambda, float[] gram, ParallelOptions options)
    {
        var n = rows.RowCount;
        Parallel.For(0, n, options, r =>
        {
            var row = gram.AsSpan(r * n, r + 1);
            row.Clear();
            var outer = rows.RowColumns(r);
            var outerValues = rows.RowValues(r);
            for (var k = 0; k < outer.Length; k++)
            {
                var weight = outerValues[k];
                var inner = columns.RowColumns(outer[k]);
                var innerValues = columns.RowValues(outer[k]);

                // Rows are sorted, so the part at or below the diagonal is a prefix.
                for (var e = 0; e < inner.Length && inner[e] <= r; e++)
                {
                    row[inner[e]] += weight * innerValues[e];
                }
            }

            row[r] += lambda;
        });
    }
}
