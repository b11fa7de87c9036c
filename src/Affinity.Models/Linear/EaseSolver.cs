using System.Numerics.Tensors;
using Affinity.Core.Kernels;
using Affinity.Core.Recommending;

namespace Affinity.Models.Linear;

/// <summary>
/// EASE's closed form B = -P / diag(P), P = (X^T X + lambda I)^-1, diag(B) = 0, in whichever of two
/// exactly equivalent forms inverts the smaller matrix.
/// </summary>
internal static class EaseSolver
{
    /// <summary>The largest order whose square fits one .NET array.</summary>
    public const int MaxOrder = 46_340;

    /// <summary>Columns of S per task: 64 floats (a cache line) of each of a few thousand Z rows stay within L2.</summary>
    private const int StripWidth = 64;


    /// <summary>Returns B (m x m, row-major over the active items).</summary>
    public static float[] Solve(ItemInteractions data, float lambda, FitContext context)
    {
        var m = data.ActiveItems.Length;
        if (m > MaxOrder)
        {
            throw new ArgumentException($"EASE holds a dense item x item matrix; {m} items with interactions exceed the {MaxOrder} that fit.", nameof(data));
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = context.MaxDegreeOfParallelism, CancellationToken = context.CancellationToken };
        return data.ByUser.RowCount < m ? SolveThroughUsers(data, lambda, context, options) : SolveThroughItems(data, lambda, context, options);
    }

    /// <summary>The paper's form: invert the m x m Gram matrix X^T X + lambda I (m^3 flops).</summary>
    private static float[] SolveThroughItems(ItemInteractions data, float lambda, FitContext context, ParallelOptions options)
    {
        var m = data.ActiveItems.Length;
        var matrix = new float[m * m];
        ItemGram.FillLower(data.ByItem, data.ByUser, lambda, matrix, options);
        Report(context, "gram", 1, 3);
        Cholesky.Invert(matrix, m, context.MaxDegreeOfParallelism);
        Report(context, "inverse", 2, 3);

        var negatedDiagonal = new float[m];
        for (var i = 0; i < m; i++)
        {
            negatedDiagonal[i] = -matrix[(i * m) + i];
        }

        Parallel.For(0, m, options, i =>
        {
            var row = matrix.AsSpan(i * m, m);
            TensorPrimitives.Divide(row, negatedDiagonal, row);
            row[i] = 0;
        });
        Report(context, "weights", 3, 3);
        return matrix;
    }

    /// <summary>
    /// With fewer users than items, the Woodbury identity (X^T X + lambda I)^-1 = (I - S) / lambda
    /// with S = X^T (X X^T + lambda I)^-1 X inverts the u x u matrix instead (u^3 flops, plus
    /// nnz(X) (u + m) to form S). Then B_ij = -P_ij / P_jj = S_ij / (1 - S_jj) for i != j.
    /// </summary>
    private static float[] SolveThroughUsers(ItemInteractions data, float lambda, FitContext context, ParallelOptions options)
    {
        var m = data.ActiveItems.Length;
        var u = data.ByUser.RowCount;
        var userGram = new float[u * u];
        ItemGram.FillLower(data.ByUser, data.ByItem, lambda, userGram, options);
        Report(context, "gram", 1, 4);
        Cholesky.Invert(userGram, u, context.MaxDegreeOfParallelism);
        Report(context, "inverse", 2, 4);

        // Z = K^-1 X, user x item: row a of Z is the sum over users b of K^-1[a, b] times X's row b.
        var byUser = data.ByUser;
        var z = new float[(long)u * m];
        Parallel.For(0, u, options, a =>
        {
            var row = z.AsSpan((int)((long)a * m), m);
            var inverseRow = userGram.AsSpan(a * u, u);
            for (var b = 0; b < u; b++)
            {
                var coefficient = inverseRow[b];
                var items = byUser.RowColumns(b);
                var values = byUser.RowValues(b);
                for (var e = 0; e < items.Length; e++)
                {
                    row[items[e]] += coefficient * values[e];
                }
            }
        });

        // S = X^T Z: row i of S is the sum over the users of item i of x_ui times Z's row. A thread
        // takes a strip of columns at a time, so the strip of Z it reads stays in cache across rows.
        var byItem = data.ByItem;
        var matrix = new float[m * m];
        var strips = (m + StripWidth - 1) / StripWidth;
        Parallel.For(0, strips, options, strip =>
        {
            var j0 = strip * StripWidth;
            var width = Math.Min(StripWidth, m - j0);
            for (var i = 0; i < m; i++)
            {
                var row = matrix.AsSpan((i * m) + j0, width);
                var users = byItem.RowColumns(i);
                var values = byItem.RowValues(i);
                for (var k = 0; k < users.Length; k++)
                {
                    TensorPrimitives.MultiplyAdd(z.AsSpan((int)(((long)users[k] * m) + j0), width), values[k], row, row);
                }
            }
        });

        Report(context, "projection", 3, 4);
        var denominators = new float[m];
        for (var i = 0; i < m; i++)
        {
            denominators[i] = 1 - matrix[(i * m) + i];
        }

        Parallel.For(0, m, options, i =>
        {
            var row = matrix.AsSpan(i * m, m);
            TensorPrimitives.Divide(row, denominators, row);
            row[i] = 0;
        });
        Report(context, "weights", 4, 4);
        return matrix;
    }

    /// <summary>Reports a finished stage and honours cancellation between stages.</summary>
    private static void Report(FitContext context, string stage, int done, int total)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        context.Progress?.Report(new FitProgress(stage, done, total));
    }
}
