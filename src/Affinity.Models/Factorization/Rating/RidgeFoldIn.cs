namespace Affinity.Models.Factorization.Rating;

/// <summary>
/// The fold-in of the SGD models: with the item side fixed, the user's bias b and vector p that
/// minimise exactly the per-user part of the objective SGD descends,
/// Σ_j (r_j − μ − b_j − q_jᵀ z − b − q_jᵀ p)² + n λ_b b² + n λ_f |p|²,
/// where n is the history length (SGD shrinks the user's parameters once per rating, so the
/// penalty grows with n) and z a fixed offset (SVD++'s implicit part). One (k + 1) × (k + 1)
/// Cholesky solve, where MyMediaLite runs SGD epochs over the new history.
/// </summary>
/// <remarks>
/// With x = (1, q) and A the system's matrix, (b, p) = A⁻¹ Σ_n x_n t_n over the history's targets
/// t_n = r_n − μ − b_n − q_nᵀ z, so the fold-in's b + pᵀ q_i is Σ_n a_n t_n with the hat weights
/// a_n = x_nᵀ A⁻¹ x_i (<see cref="HatWeights"/>): the exact share of each rating, which explanations use.
/// </remarks>
internal static class RidgeFoldIn
{
    /// <summary>Sizes below this keep a solve well posed when both regularisations are zero.</summary>
    private const double Floor = 1e-9;

    /// <summary>
    /// Writes a_n = x_nᵀ A⁻¹ x_i for every history rating n (x = (1, q)): the weight of rating n's target
    /// in the fold-in's b + pᵀ q_i. All zero where <see cref="Solve"/> falls back to the biases.
    /// </summary>
    public static void HatWeights(
        ReadOnlySpan<int> items,
        FactorMatrix itemFactors,
        double biasRegularization,
        double factorRegularization,
        int item,
        Span<double> hat)
    {
        var size = itemFactors.Factors + 1;
        var system = new double[size * size];
        var x = new double[size];
        BuildSystem(items, itemFactors, biasRegularization, factorRegularization, system, x);
        hat.Clear();
        if (!DenseCholesky.TryFactor(system, size))
        {
            return;
        }

        var z = new double[size];
        Features(itemFactors.Row(item), z);
        DenseCholesky.Solve(system, size, z);
        for (var n = 0; n < items.Length; n++)
        {
            Features(itemFactors.Row(items[n]), x);
            hat[n] = System.Numerics.Tensors.TensorPrimitives.Dot<double>(x, z);
        }
    }

    /// <summary>A = Σ_n x_n x_nᵀ + diag(n λ_b, n λ_f, ..., n λ_f), with the floor on each penalty.</summary>
    private static void BuildSystem(ReadOnlySpan<int> items, FactorMatrix itemFactors, double biasRegularization, double factorRegularization, double[] system, double[] x)
    {
        var size = itemFactors.Factors + 1;
        for (var n = 0; n < items.Length; n++)
        {
            Features(itemFactors.Row(items[n]), x);
            for (var a = 0; a < size; a++)
            {
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(x, x[a], system.AsSpan(a * size, size), system.AsSpan(a * size, size));
            }
        }

        var count = items.Length;
        system[0] += Math.Max(count * biasRegularization, Floor);
        for (var f = 1; f < size; f++)
        {
            system[(f * size) + f] += Math.Max(count * factorRegularization, Floor);
        }
    }

    /// <summary>x = (1, q).</summary>
    private static void Features(ReadOnlySpan<float> q, Span<double> x)
    {
        x[0] = 1;
        for (var f = 0; f < q.Length; f++)
        {
            x[f + 1] = q[f];
        }
    }

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
            for (var f = 0; f < k; f++)
            {
                target -= offset.IsEmpty ? 0 : q[f] * offset[f];
            }

            Features(q, x);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(x, target, rhs, rhs);
        }

        BuildSystem(items, itemFactors, biasRegularization, factorRegularization, system, x);
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
