namespace Affinity.Models.Factorization.Rating;

/// <summary>Ridge least squares for blend weights: an intercept plus one weight per member.</summary>
internal static class BlendWeights
{
    /// <summary>
    /// Minimises Σ_n (target_n − w₀ − Σ_m w_m x_mn)² + ridge Σ_{m ≥ 1} w_m² through the normal equations
    /// (a tiny floor on the intercept's diagonal keeps a constant column solvable).
    /// </summary>
    /// <returns>w₀ followed by one weight per member.</returns>
    public static double[] Fit(float[][] predictions, ReadOnlySpan<float> targets, double ridge)
    {
        var size = predictions.Length + 1;
        var system = new double[size * size];
        var rhs = new double[size];
        var x = new double[size];
        for (var n = 0; n < targets.Length; n++)
        {
            x[0] = 1;
            for (var m = 0; m < predictions.Length; m++)
            {
                x[m + 1] = predictions[m][n];
            }

            for (var a = 0; a < size; a++)
            {
                rhs[a] += x[a] * targets[n];
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(x, x[a], system.AsSpan(a * size, size), system.AsSpan(a * size, size));
            }
        }

        system[0] += 1e-9;
        for (var m = 1; m < size; m++)
        {
            system[(m * size) + m] += Math.Max(ridge, 1e-9);
        }

        if (!DenseCholesky.TryFactor(system, size))
        {
            throw new InvalidOperationException("The blend's least-squares system is singular: two members predict identically. Raise Ridge or drop a member.");
        }

        DenseCholesky.Solve(system, size, rhs);
        return rhs;
    }
}
