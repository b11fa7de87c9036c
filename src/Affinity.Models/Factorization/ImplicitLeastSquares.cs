using System.Numerics.Tensors;
using Affinity.Core.Kernels;

namespace Affinity.Models.Factorization;

/// <summary>
/// The row problem of implicit alternating least squares (Hu, Koren and Volinsky, "Collaborative
/// Filtering for Implicit Feedback Datasets", ICDM 2008, eq. 4): with the other side's factors Y
/// fixed, a row's vector is x = (YᵀY + Yᵀ(Cᵘ − I)Y + λI)⁻¹ Yᵀ Cᵘ p(u), where p is 1 on the row's
/// positives and 0 elsewhere and the confidence c is 1 + w on a positive (w ≥ 0, the confidence
/// increment) and 1 elsewhere. YᵀY + λI is computed once here, so each row costs only its own
/// positives. Immutable once built, so one instance serves every thread; each thread brings its
/// own <see cref="Workspace"/>.
/// </summary>
public sealed class ImplicitLeastSquares
{
    private const float ConvergedResidual = 1e-20f;
    private readonly FactorMatrix _fixed;
    private readonly double[] _gram;
    private readonly float[] _gramSingle;

    /// <summary>Precomputes G = YᵀY + λI (in double precision) for the fixed factors Y.</summary>
    /// <param name="fixedFactors">The fixed side's factors, one row per column of the problem (item factors when solving users).</param>
    /// <param name="regularization">λ, at least 0.</param>
    /// <param name="maxDegreeOfParallelism">Threads for the Gram matrix; -1 means all cores. The result does not depend on it.</param>
    public ImplicitLeastSquares(FactorMatrix fixedFactors, double regularization, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(fixedFactors);
        if (!double.IsFinite(regularization) || regularization < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(regularization), regularization, "The regularization must be a finite number of at least zero.");
        }

        _fixed = fixedFactors;
        Regularization = regularization;
        _gram = Gram(fixedFactors, regularization, maxDegreeOfParallelism);
        _gramSingle = Array.ConvertAll(_gram, g => (float)g);
    }

    /// <summary>The number of factors k (the order of every system).</summary>
    public int Factors => _fixed.Factors;

    /// <summary>λ.</summary>
    public double Regularization { get; }

    /// <summary>G = YᵀY + λI, k × k, row-major.</summary>
    public ReadOnlySpan<double> GramMatrix => _gram;

    /// <summary>Scratch buffers for one thread's solves.</summary>
    public Workspace CreateWorkspace() => new(Factors);

    /// <summary>
    /// Writes the exact solution into <paramref name="x"/>: builds G + Σ w y yᵀ and Σ (1 + w) y over
    /// the row's positives and solves by Cholesky (<see cref="DenseCholesky"/>).
    /// </summary>
    /// <param name="columns">The row's positives (rows of the fixed factors), each at most once.</param>
    /// <param name="weights">Their confidence increments w = c − 1, aligned with <paramref name="columns"/>.</param>
    /// <param name="x">Receives the row's vector (length k).</param>
    /// <param name="workspace">This thread's scratch, from <see cref="CreateWorkspace"/>.</param>
    /// <exception cref="ArgumentException">The system is not positive definite (λ = 0 with too few factors' worth of data).</exception>
    public void SolveExact(ReadOnlySpan<int> columns, ReadOnlySpan<float> weights, Span<float> x, Workspace workspace)
    {
        Check(columns, weights, x, workspace);
        var k = Factors;
        var a = workspace.System;
        var b = workspace.Rhs;
        Array.Clear(b);
        BuildSystem(columns, weights, a, b, workspace.Row);
        DenseCholesky.Solve(a, k, b);
        for (var f = 0; f < k; f++)
        {
            x[f] = (float)b[f];
        }
    }

    /// <summary>
    /// Overwrites <paramref name="rhs"/> with the solution z of the row's system A z = rhs, where
    /// A = G + Σ w y yᵀ over the row's positives: with rhs = y_i, (1 + w_h) y_hᵀ z is positive h's term
    /// of the score y_iᵀ x, since x = A⁻¹ Σ (1 + w_h) y_h (Hu et al. 2008, section 5; the implicit
    /// library's <c>explain</c>).
    /// </summary>
    /// <param name="columns">The row's positives, each at most once.</param>
    /// <param name="weights">Their confidence increments w = c − 1.</param>
    /// <param name="rhs">The right-hand side on entry (length k), the solution on return.</param>
    /// <param name="workspace">This thread's scratch.</param>
    /// <exception cref="ArgumentException">The shapes do not fit, or the system is not positive definite.</exception>
    public void SolveSystem(ReadOnlySpan<int> columns, ReadOnlySpan<float> weights, Span<double> rhs, Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (columns.Length != weights.Length || rhs.Length != Factors || workspace.Factors != Factors)
        {
            throw new ArgumentException($"Every column needs a weight, and the right-hand side and workspace need {Factors} factors.", nameof(rhs));
        }

        BuildSystem(columns, weights, workspace.System, [], workspace.Row);
        DenseCholesky.Solve(workspace.System, Factors, rhs);
    }

    /// <summary>Writes G + Σ w y yᵀ (lower triangle) into <paramref name="a"/> and, unless <paramref name="b"/> is empty, adds Σ (1 + w) y to it.</summary>
    private void BuildSystem(ReadOnlySpan<int> columns, ReadOnlySpan<float> weights, double[] a, Span<double> b, double[] y)
    {
        var k = Factors;
        _gram.CopyTo(a, 0);
        for (var e = 0; e < columns.Length; e++)
        {
            var w = (double)weights[e];
            var row = _fixed.Row(columns[e]);
            for (var f = 0; f < k; f++)
            {
                y[f] = row[f];
            }

            if (!b.IsEmpty)
            {
                TensorPrimitives.MultiplyAdd<double>(y, 1 + w, b, b);
            }

            if (w != 0)
            {
                // Only the lower triangle is read by the factorisation: row f gets w y[f] y[0..f].
                for (var f = 0; f < k; f++)
                {
                    var target = a.AsSpan(f * k, f + 1);
                    TensorPrimitives.MultiplyAdd<double>(y.AsSpan(0, f + 1), w * y[f], target, target);
                }
            }
        }
    }

    /// <summary>
    /// Improves <paramref name="x"/> in place by <paramref name="steps"/> conjugate-gradient steps on
    /// the same system, started from its current value (Takács, Pilászy and Tikk, "Applications of
    /// the conjugate gradient method for implicit feedback collaborative filtering", RecSys 2011),
    /// never forming the matrix: A p = G p + Σ w (y · p) y. This is the implicit library's
    /// <c>least_squares_cg</c>, including its stop when the squared residual falls below 1e-20.
    /// </summary>
    /// <param name="columns">The row's positives, each at most once.</param>
    /// <param name="weights">Their confidence increments w = c − 1.</param>
    /// <param name="x">The starting vector on entry, the improved vector on return.</param>
    /// <param name="steps">The number of steps, at least 1.</param>
    /// <param name="workspace">This thread's scratch.</param>
    public void SolveConjugateGradient(ReadOnlySpan<int> columns, ReadOnlySpan<float> weights, Span<float> x, int steps, Workspace workspace)
    {
        Check(columns, weights, x, workspace);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        var r = workspace.Residual.AsSpan();
        var p = workspace.Direction.AsSpan();
        var ap = workspace.Product.AsSpan();

        // r = b − A x = Σ ((1 + w) − w (y · x)) y − G x.
        ProjectionKernels.Multiply(_gramSingle, x, r);
        TensorPrimitives.Negate(r, r);
        ProjectionKernels.Accumulate<ImplicitResidual>(_fixed.Values, columns, weights, x, r);

        r.CopyTo(p);
        var oldSquared = TensorPrimitives.Dot(r, r);
        if (oldSquared < ConvergedResidual)
        {
            return;
        }

        for (var step = 0; step < steps; step++)
        {
            ProjectionKernels.Multiply(_gramSingle, p, ap);
            ProjectionKernels.Accumulate<WeightedProjection>(_fixed.Values, columns, weights, p, ap);

            var alpha = oldSquared / TensorPrimitives.Dot(p, ap);
            TensorPrimitives.MultiplyAdd(p, alpha, x, x);
            TensorPrimitives.MultiplyAdd(ap, -alpha, r, r);
            var newSquared = TensorPrimitives.Dot(r, r);
            if (newSquared < ConvergedResidual)
            {
                return;
            }

            TensorPrimitives.MultiplyAdd(p, newSquared / oldSquared, r, p);
            oldSquared = newSquared;
        }
    }

    /// <summary>
    /// The row's share of the ALS objective: Σ over every column of c (p − x · y)² plus λ‖x‖², computed
    /// as xᵀ G x + Σ over positives of (1 + w)(1 − s)² − s², with s = x · y.
    /// </summary>
    public double RowLoss(ReadOnlySpan<int> columns, ReadOnlySpan<float> weights, ReadOnlySpan<float> x)
    {
        if (columns.Length != weights.Length || x.Length != Factors)
        {
            throw new ArgumentException("The columns and weights must align and x must have one value per factor.", nameof(x));
        }

        var k = Factors;
        var loss = 0.0;
        for (var a = 0; a < k; a++)
        {
            var row = _gram.AsSpan(a * k, k);
            var sum = 0.0;
            for (var c = 0; c < k; c++)
            {
                sum += row[c] * x[c];
            }

            loss += x[a] * sum;
        }

        for (var e = 0; e < columns.Length; e++)
        {
            double s = TensorPrimitives.Dot(_fixed.Row(columns[e]), x);
            loss += ((1.0 + weights[e]) * (1 - s) * (1 - s)) - (s * s);
        }

        return loss;
    }

    /// <summary>YᵀY + λI by entries: each is a dot product of two columns, so no sum depends on how rows are shared among threads.</summary>
    private static double[] Gram(FactorMatrix factors, double regularization, int maxDegreeOfParallelism)
    {
        var k = factors.Factors;
        var rows = factors.Rows;
        var columns = new double[k * rows];
        var values = factors.Values;
        for (var r = 0; r < rows; r++)
        {
            for (var f = 0; f < k; f++)
            {
                columns[(f * rows) + r] = values[(r * k) + f];
            }
        }

        var gram = new double[k * k];
        Parallel.For(0, k, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, a =>
        {
            var left = columns.AsSpan(a * rows, rows);
            for (var c = 0; c <= a; c++)
            {
                var value = TensorPrimitives.Dot<double>(left, columns.AsSpan(c * rows, rows));
                gram[(a * k) + c] = value;
                gram[(c * k) + a] = value;
            }

            gram[(a * k) + a] += regularization;
        });
        return gram;
    }

    private void Check(ReadOnlySpan<int> columns, ReadOnlySpan<float> weights, Span<float> x, Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (columns.Length != weights.Length)
        {
            throw new ArgumentException("Every column needs a weight.", nameof(weights));
        }

        if (x.Length != Factors || workspace.Factors != Factors)
        {
            throw new ArgumentException($"Expected a vector and a workspace of {Factors} factors.", nameof(x));
        }
    }

    /// <summary>One thread's scratch buffers for <see cref="ImplicitLeastSquares"/> solves of k factors.</summary>
    public sealed class Workspace
    {
        internal Workspace(int factors)
        {
            Factors = factors;
            System = new double[factors * factors];
            Rhs = new double[factors];
            Row = new double[factors];
            Residual = new float[factors];
            Direction = new float[factors];
            Product = new float[factors];
        }

        /// <summary>The number of factors the buffers fit.</summary>
        public int Factors { get; }

        internal double[] System { get; }

        internal double[] Rhs { get; }

        internal double[] Row { get; }

        internal float[] Residual { get; }

        internal float[] Direction { get; }

        internal float[] Product { get; }
    }
}
