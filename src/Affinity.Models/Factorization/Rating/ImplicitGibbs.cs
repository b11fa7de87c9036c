using System.Numerics.Tensors;
using Affinity.Core.Data;

namespace Affinity.Models.Factorization.Rating;

/// <summary>
/// The Gibbs draw of SVD++'s implicit factors y_j, where a row u (a user) has the vector
/// s_u = p_u + z_u with z_u = c_u Σ_{j ∈ N(u)} y_j and c_u = |N(u)|^-1/2 (Koren, KDD 2008,
/// equation 15, made Bayesian as in Rendle's "Bayesian SVD++" runs of libFM; Rendle, Zhang and
/// Koren, "On the difficulty of evaluating baselines", 2019). The same code draws the "flipped"
/// factors of the item side by swapping the roles of users and items.
/// </summary>
/// <remarks>
/// Given everything else, row u's ratings depend on s_u only through the Gaussian
/// exp(−α/2 sᵀ A_u s + α sᵀ g_u) with A_u = Σ_i e_i e_iᵀ and g_u = Σ_i e_i (r_ui − μ − b_u − b_i),
/// e_i the other side's effective vectors. Writing s_u = r_u + c_u y_j, y_j's conditional is normal
/// with precision Λ_y + α Σ_{u ∋ j} c_u² A_u and right-hand side Λ_y μ_y + α Σ_{u ∋ j} c_u (g_u − A_u r_u).
/// The y_j share the s_u, so they are drawn one after the other in index order (each s_u updated
/// at once) from one seeded stream; the A_u and g_u are built in parallel beforehand.
/// </remarks>
internal static class ImplicitGibbs
{
    /// <summary>
    /// Redraws every implicit factor (one per column of <paramref name="byRow"/>, d wide) and sets the
    /// offsets z (one per row, d wide) to match.
    /// </summary>
    /// <param name="byRow">Ratings by row entity (each row's N(u) is its columns).</param>
    /// <param name="byColumn">The transpose (each column's rows are those whose z it enters).</param>
    /// <param name="rows">The rows' own (p, b), d + 1 wide.</param>
    /// <param name="columnsEffective">The other side's effective (e, b), d + 1 wide.</param>
    /// <param name="implicitFactors">The y_j, d wide, redrawn in place.</param>
    /// <param name="offsets">The z_u, d wide, recomputed.</param>
    /// <param name="prior">The y_j's prior, d wide.</param>
    /// <param name="alpha">The noise precision.</param>
    /// <param name="mean">The global mean μ.</param>
    /// <param name="random">The stream of the sequential draws.</param>
    /// <param name="parallel">Parallelism for building A_u and g_u.</param>
    public static void Sample(
        CsrMatrix byRow,
        CsrMatrix byColumn,
        double[] rows,
        double[] columnsEffective,
        double[] implicitFactors,
        double[] offsets,
        RowPrior prior,
        double alpha,
        double mean,
        ref RandomStream random,
        ParallelOptions parallel)
    {
        var d = prior.Mean.Length;
        var k = d + 1;
        var rowCount = byRow.RowCount;
        var gram = new double[rowCount * d * d];
        var linear = new double[rowCount * d];
        var state = new double[rowCount * d];
        Parallel.For(0, rowCount, parallel, u =>
        {
            var a = gram.AsSpan(u * d * d, d * d);
            var g = linear.AsSpan(u * d, d);
            var columns = byRow.RowColumns(u);
            var values = byRow.RowValues(u);
            var bias = rows[(u * k) + d];
            for (var n = 0; n < columns.Length; n++)
            {
                var e = columnsEffective.AsSpan(columns[n] * k, k);
                var target = values[n] - mean - bias - e[d];
                TensorPrimitives.MultiplyAdd(e[..d], target, g, g);
                for (var f = 0; f < d; f++)
                {
                    var row = a.Slice(f * d, d);
                    TensorPrimitives.MultiplyAdd(e[..d], e[f], row, row);
                }
            }

            TensorPrimitives.Add(rows.AsSpan(u * k, d), offsets.AsSpan(u * d, d), state.AsSpan(u * d, d));
        });

        var precision = new double[d * d];
        var rhs = new double[d];
        var rest = new double[d];
        var draw = new double[d];
        var priorRhs = prior.PrecisionTimesMean();
        for (var j = 0; j < byColumn.RowCount; j++)
        {
            prior.Precision.CopyTo(precision, 0);
            priorRhs.CopyTo(rhs, 0);
            var y = implicitFactors.AsSpan(j * d, d);
            var members = byColumn.RowColumns(j);
            foreach (var u in members)
            {
                var c = Weight(byRow, u);
                var a = gram.AsSpan(u * d * d, d * d);
                TensorPrimitives.MultiplyAdd(y, -c, state.AsSpan(u * d, d), rest);
                TensorPrimitives.MultiplyAdd(a, alpha * c * c, precision, precision);
                for (var f = 0; f < d; f++)
                {
                    rhs[f] += alpha * c * (linear[(u * d) + f] - TensorPrimitives.Dot(a.Slice(f * d, d), rest));
                }
            }

            GibbsRows.DrawInto(precision, rhs, d, ref random, draw);
            foreach (var u in members)
            {
                var c = Weight(byRow, u);
                var s = state.AsSpan(u * d, d);
                TensorPrimitives.MultiplyAdd(draw, c, s, s);
                TensorPrimitives.MultiplyAdd(y, -c, s, s);
            }

            draw.CopyTo(y);
        }

        for (var u = 0; u < rowCount; u++)
        {
            TensorPrimitives.Subtract(state.AsSpan(u * d, d), rows.AsSpan(u * k, d), offsets.AsSpan(u * d, d));
        }
    }

    /// <summary>Computes z_u = c_u Σ_{j ∈ N(u)} y_j for every row from scratch.</summary>
    public static void Offsets(CsrMatrix byRow, double[] implicitFactors, double[] offsets, int d)
    {
        Array.Clear(offsets);
        for (var u = 0; u < byRow.RowCount; u++)
        {
            var z = offsets.AsSpan(u * d, d);
            foreach (var j in byRow.RowColumns(u))
            {
                TensorPrimitives.Add(z, implicitFactors.AsSpan(j * d, d), z);
            }

            TensorPrimitives.Multiply(z, Weight(byRow, u), z);
        }
    }

    private static double Weight(CsrMatrix byRow, int u) => 1 / Math.Sqrt(Math.Max(byRow.RowLength(u), 1));
}
