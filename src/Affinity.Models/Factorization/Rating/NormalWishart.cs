namespace Affinity.Models.Factorization.Rating;

/// <summary>A Gaussian prior over the rows of one side: mean μ (k) and precision Λ (k × k, row-major).</summary>
internal sealed record RowPrior(double[] Mean, double[] Precision)
{
    /// <summary>Λ μ, the prior's contribution to a row's posterior right-hand side.</summary>
    public double[] PrecisionTimesMean()
    {
        var k = Mean.Length;
        var result = new double[k];
        for (var a = 0; a < k; a++)
        {
            result[a] = System.Numerics.Tensors.TensorPrimitives.Dot(Precision.AsSpan(a * k, k), Mean);
        }

        return result;
    }
}

/// <summary>
/// Draws a side's hyperparameters (μ, Λ) from their Normal–Wishart posterior given the current rows,
/// as in Salakhutdinov and Mnih, "Bayesian probabilistic matrix factorization using Markov chain
/// Monte Carlo", ICML 2008, equation 14, with μ₀ = 0, ν₀ = k and W₀ = I (the paper's choices):
/// β* = β₀ + N, ν* = ν₀ + N, μ* = N w̄ / β*,
/// (W*)⁻¹ = W₀⁻¹ + Σ (w − w̄)(w − w̄)ᵀ + β₀ N / β* w̄ w̄ᵀ; Λ ~ Wishart(W*, ν*); μ ~ N(μ*, (β* Λ)⁻¹).
/// </summary>
/// <remarks>
/// The Wishart draw is Bartlett's decomposition: with C Cᵀ = W* and A lower triangular with
/// A_ii = √χ²(ν* − i) (i from 0) and standard normal A_ij below the diagonal, Λ = C A Aᵀ Cᵀ.
/// C is taken as L⁻ᵀ where L Lᵀ = (W*)⁻¹, so W* itself is never inverted.
/// </remarks>
internal static class NormalWishart
{
    /// <summary>Draws (μ, Λ) given <paramref name="count"/> rows of <paramref name="width"/> values.</summary>
    public static RowPrior Sample(ReadOnlySpan<double> rows, int count, int width, double beta0, ref RandomStream random)
    {
        var k = width;
        var mean = new double[k];
        for (var r = 0; r < count; r++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(mean, rows.Slice(r * k, k), mean);
        }

        System.Numerics.Tensors.TensorPrimitives.Multiply(mean, 1.0 / Math.Max(count, 1), mean);

        // (W*)⁻¹ = I + scatter + β₀ N / (β₀ + N) w̄ w̄ᵀ.
        var inverseScale = new double[k * k];
        var centred = new double[k];
        for (var r = 0; r < count; r++)
        {
            System.Numerics.Tensors.TensorPrimitives.Subtract(rows.Slice(r * k, k), mean, centred);
            AddOuter(inverseScale, centred, 1, k);
        }

        var betaStar = beta0 + count;
        AddOuter(inverseScale, mean, beta0 * count / betaStar, k);
        for (var a = 0; a < k; a++)
        {
            inverseScale[(a * k) + a] += 1;
        }

        var precision = Wishart(inverseScale, k + count, k, ref random);

        // μ = μ* + (β* Λ)^-1/2 ε, with μ* = N w̄ / β* and the square root from Λ's Cholesky factor.
        var cholesky = (double[])precision.Clone();
        if (!DenseCholesky.TryFactor(cholesky, k))
        {
            throw new InvalidOperationException("A sampled precision matrix is not positive definite.");
        }

        var draw = new double[k];
        for (var a = 0; a < k; a++)
        {
            draw[a] = random.NextNormal();
        }

        DenseCholesky.SolveUpper(cholesky, k, draw);
        var scale = 1 / Math.Sqrt(betaStar);
        for (var a = 0; a < k; a++)
        {
            draw[a] = (count * mean[a] / betaStar) + (scale * draw[a]);
        }

        return new RowPrior(draw, precision);
    }

    /// <summary>A Wishart(W, ν) draw where <paramref name="inverseScale"/> = W⁻¹ (destroyed).</summary>
    private static double[] Wishart(double[] inverseScale, double degrees, int k, ref RandomStream random)
    {
        if (!DenseCholesky.TryFactor(inverseScale, k))
        {
            throw new InvalidOperationException("The Normal–Wishart posterior scale is not positive definite.");
        }

        // B = L⁻ᵀ A, one column of A at a time (A is lower triangular).
        var b = new double[k * k];
        var column = new double[k];
        for (var c = 0; c < k; c++)
        {
            column.AsSpan().Clear();
            column[c] = Math.Sqrt(random.NextChiSquare(degrees - c));
            for (var r = c + 1; r < k; r++)
            {
                column[r] = random.NextNormal();
            }

            DenseCholesky.SolveUpper(inverseScale, k, column);
            for (var r = 0; r < k; r++)
            {
                b[(r * k) + c] = column[r];
            }
        }

        // Λ = B Bᵀ.
        var precision = new double[k * k];
        for (var r = 0; r < k; r++)
        {
            for (var c = 0; c <= r; c++)
            {
                var value = System.Numerics.Tensors.TensorPrimitives.Dot(b.AsSpan(r * k, k), b.AsSpan(c * k, k));
                precision[(r * k) + c] = value;
                precision[(c * k) + r] = value;
            }
        }

        return precision;
    }

    private static void AddOuter(double[] matrix, ReadOnlySpan<double> vector, double weight, int k)
    {
        for (var a = 0; a < k; a++)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(vector, weight * vector[a], matrix.AsSpan(a * k, k), matrix.AsSpan(a * k, k));
        }
    }
}
