using System.Numerics.Tensors;
using Affinity.Core.Data;

namespace Affinity.Models.Factorization.Rating;

/// <summary>
/// The conditional draw of every row of one side in a BPMF Gibbs sweep (Salakhutdinov and Mnih,
/// ICML 2008, equations 12–13), for rows that carry a bias in their last slot: row w = (p, b) is
/// drawn given the other side's rows (q_j, b_j) through the features x_j = (q_j, 1) and the targets
/// t_j = r_j − μ − b_j: Λ* = Λ + α Σ x_j x_jᵀ, Λ* m = Λ μ_prior + α Σ x_j t_j, w ~ N(m, Λ*⁻¹).
/// With implicit feedback the row's vector in the model is p + z for a fixed offset z (SVD++'s
/// |N(u)|^-1/2 Σ y_j) and the other side's rows are their effective vectors, so the target becomes
/// t_j = r_j − μ − b_j − zᵀ q_j while the features stay (q_j, 1).
/// </summary>
/// <remarks>
/// Rows are independent given the other side, so they are drawn in parallel; every row reads its
/// own <see cref="RandomStream"/> seeded by (seed, iteration, side, row), so the draws do not depend
/// on the number of threads or on which thread runs a row.
/// </remarks>
internal static class GibbsRows
{
    /// <summary>
    /// Redraws every row of <paramref name="own"/> (rows × k) given <paramref name="other"/> (the other
    /// side's effective rows), with <paramref name="offsets"/> (rows × (k − 1)) the fixed z of each row, or null.
    /// </summary>
    public static void SampleSide(
        CsrMatrix ratings,
        double[] own,
        double[] other,
        double[]? offsets,
        int k,
        RowPrior prior,
        double alpha,
        double mean,
        (int Seed, int Iteration, int Side) stream,
        ParallelOptions parallel)
    {
        var priorRhs = prior.PrecisionTimesMean();
        Parallel.For(
            0,
            ratings.RowCount,
            parallel,
            () => new Scratch(k),
            (row, _, scratch) =>
            {
                scratch.Reset(prior.Precision, priorRhs);
                var offset = offsets is null ? default : new ReadOnlySpan<double>(offsets, row * (k - 1), k - 1);
                AccumulateRow(ratings.RowColumns(row), ratings.RowValues(row), other, offset, k, alpha, mean, scratch);
                var random = new RandomStream(stream.Seed, stream.Iteration, stream.Side, row);
                DrawInto(scratch.Precision, scratch.Rhs, k, ref random, own.AsSpan(row * k, k));
                return scratch;
            },
            static _ => { });
    }

    /// <summary>
    /// Adds a row's observations to the posterior as Λ* += α Xᵀ X (lower triangle) and h += α Xᵀ t,
    /// with X gathered column by column so every entry is one long SIMD dot product.
    /// </summary>
    private static void AccumulateRow(ReadOnlySpan<int> columns, ReadOnlySpan<float> values, double[] other, ReadOnlySpan<double> offset, int k, double alpha, double mean, Scratch scratch)
    {
        var n = columns.Length;
        if (n == 0)
        {
            return;
        }

        scratch.Reserve(n);
        var features = scratch.Features.AsSpan(0, k * n);
        var targets = scratch.Targets.AsSpan(0, n);
        for (var j = 0; j < n; j++)
        {
            var otherRow = other.AsSpan(columns[j] * k, k);
            for (var a = 0; a < k - 1; a++)
            {
                features[(a * n) + j] = otherRow[a];
            }

            features[((k - 1) * n) + j] = 1;
            targets[j] = values[j] - mean - otherRow[k - 1] - (offset.IsEmpty ? 0 : TensorPrimitives.Dot(offset, otherRow[..^1]));
        }

        var precision = scratch.Precision;
        var rhs = scratch.Rhs;
        for (var a = 0; a < k; a++)
        {
            var column = features.Slice(a * n, n);
            rhs[a] += alpha * TensorPrimitives.Dot(column, targets);
            for (var b = 0; b <= a; b++)
            {
                precision[(a * k) + b] += alpha * TensorPrimitives.Dot(column, features.Slice(b * n, n));
            }
        }
    }

    /// <summary>Adds one observation to the posterior: Λ* += α x xᵀ, h += α x t.</summary>
    public static void Accumulate(Span<double> precision, Span<double> rhs, ReadOnlySpan<double> x, double target, double alpha, int k)
    {
        TensorPrimitives.MultiplyAdd(x, alpha * target, rhs, rhs);
        for (var a = 0; a < k; a++)
        {
            var row = precision.Slice(a * k, k);
            TensorPrimitives.MultiplyAdd(x, alpha * x[a], row, row);
        }
    }

    /// <summary>Writes the posterior mean m = Λ*⁻¹ h into <paramref name="rhs"/> (Λ* is destroyed).</summary>
    public static void Mean(Span<double> precision, Span<double> rhs, int k)
    {
        Factor(precision, k);
        DenseCholesky.Solve(precision, k, rhs);
    }

    /// <summary>Draws w ~ N(Λ*⁻¹ h, Λ*⁻¹) into <paramref name="result"/>: the mean plus L⁻ᵀ ε, with L Lᵀ = Λ* (both inputs are destroyed).</summary>
    public static void DrawInto(Span<double> precision, Span<double> rhs, int k, ref RandomStream random, Span<double> result)
    {
        Factor(precision, k);
        DenseCholesky.Solve(precision, k, rhs);
        for (var a = 0; a < k; a++)
        {
            result[a] = random.NextNormal();
        }

        DenseCholesky.SolveUpper(precision, k, result);
        TensorPrimitives.Add(result, rhs, result);
    }

    private static void Factor(Span<double> precision, int k)
    {
        if (!DenseCholesky.TryFactor(precision, k))
        {
            throw new InvalidOperationException("A row's posterior precision is not positive definite; the ratings may hold extreme values.");
        }
    }

    /// <summary>One thread's buffers: Λ*, h and the gathered features and targets of a row.</summary>
    private sealed class Scratch(int k)
    {

        public double[] Precision { get; } = new double[k * k];

        public double[] Rhs { get; } = new double[k];

        /// <summary>The features of a row's observations, column-major (k × n).</summary>
        public double[] Features { get; private set; } = new double[k * 64];

        /// <summary>The targets of a row's observations.</summary>
        public double[] Targets { get; private set; } = new double[64];

        /// <summary>Grows the buffers to hold n observations.</summary>
        public void Reserve(int n)
        {
            if (Targets.Length < n)
            {
                Targets = new double[Math.Max(n, 2 * Targets.Length)];
                Features = new double[k * Targets.Length];
            }
        }

        public void Reset(double[] precision, double[] rhs)
        {
            precision.CopyTo(Precision, 0);
            rhs.CopyTo(Rhs, 0);
        }
    }
}
