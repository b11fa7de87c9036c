namespace Affinity.Models.Factorization.Rating;

/// <summary>
/// The fold-in of the SGD models: with the item side fixed, the user's bias b and vector p that
/// minimise exactly the per-user part of the objective SGD descends,
/// Σ_j (r_j − μ − b_j − q_jᵀ z − b − q_jᵀ p)² + n λ_b b² + n λ_f |p|²,
/// where n is the history length (SGD shrinks the user's parameters once per rating, so the
/// penalty grows with n) and z a fixed offset (SVD++'s implicit part). One (k + 1) × (k + 1)
/// Cholesky solve, where MyMediaLite runs SGD epochs over the new history.
/// </summary>
internal static class RidgeFoldIn
{
    /// <summary>Sizes below this keep a solve well posed when both regularisations are zero.</summary>
    private const double Floor = 1e-9;

    /// <summary>Returns b and writes p (length k).</summary>
    public static double Solve(
        ReadOnlySpan<int> items,
        ReadOnlySpan<float> values,
        double mean,
        ReadOnlySpan<float> itemBiases,
        FactorMatrix itemFactors,
        ReadOnlySpan<float> offset,
        double biasRegularization,
        double factorRegularization,
        Span<float> vector)
    {
        var k = itemFactors.Factors;
        var size = k + 1;
        var system = new double[size * size];
        var rhs = new double[size];
        var x = new double[size];
        for (var n = 0; n < items.Length; n++)
        {
            var q = itemFactors.Row(items[n]);
            var target = values[n] - mean - itemBiases[items[n]];
            x[0] = 1;
            for (var f = 0; f < k; f++)
            {
                x[f + 1] = q[f];
                target -= offset.IsEmpty ? 0 : q[f] * offset[f];
            }

            for (var a = 0; a < size; a++)
            {
                rhs[a] += x[a] * target;
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(x, x[a], system.AsSpan(a * size, size), system.AsSpan(a * size, size));
            }
        }

        var count = items.Length;
        system[0] += Math.Max(count * biasRegularization, Floor);
        for (var f = 1; f < size; f++)
        {
            system[(f * size) + f] += Math.Max(count * factorRegularization, Floor);
        }

        if (!DenseCholesky.TryFactor(system, size))
        {
            // Only reachable with zero regularisation and a degenerate history: predict from biases.
            vector.Clear();
            return 0;
        }

        DenseCholesky.Solve(system, size, rhs);
        for (var f = 0; f < k; f++)
        {
            vector[f] = (float)rhs[f + 1];
        }

        return rhs[0];
    }
}
