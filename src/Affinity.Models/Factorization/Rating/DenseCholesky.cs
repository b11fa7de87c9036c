namespace Affinity.Models.Factorization.Rating;

/// <summary>
/// The Cholesky factorisation of small dense symmetric positive-definite matrices (row-major,
/// <c>n × n</c>) and the triangular solves around it: what a ridge fold-in and a Gibbs draw of one
/// factor row need. The factor <c>L</c> (with <c>A = L Lᵀ</c>) overwrites the lower triangle in place;
/// the strict upper triangle is left as it was and never read again.
/// </summary>
internal static class DenseCholesky
{
    /// <summary>Factors <paramref name="a"/> in place; false when a pivot is not positive (not positive definite).</summary>
    public static bool TryFactor(Span<double> a, int n)
    {
        for (var j = 0; j < n; j++)
        {
            var rowJ = a.Slice(j * n, j);
            var pivot = a[(j * n) + j] - Dot(rowJ, rowJ);
            if (!(pivot > 0))
            {
                return false;
            }

            var diagonal = Math.Sqrt(pivot);
            a[(j * n) + j] = diagonal;
            for (var i = j + 1; i < n; i++)
            {
                a[(i * n) + j] = (a[(i * n) + j] - Dot(a.Slice(i * n, j), rowJ)) / diagonal;
            }
        }

        return true;
    }

    /// <summary>Solves <c>L y = b</c> in place (<paramref name="x"/> holds b, then y).</summary>
    public static void SolveLower(ReadOnlySpan<double> l, int n, Span<double> x)
    {
        for (var i = 0; i < n; i++)
        {
            x[i] = (x[i] - Dot(l.Slice(i * n, i), x[..i])) / l[(i * n) + i];
        }
    }

    /// <summary>Solves <c>Lᵀ x = y</c> in place (<paramref name="x"/> holds y, then x).</summary>
    public static void SolveUpper(ReadOnlySpan<double> l, int n, Span<double> x)
    {
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = x[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= l[(k * n) + i] * x[k];
            }

            x[i] = sum / l[(i * n) + i];
        }
    }

    /// <summary>Solves <c>L Lᵀ x = b</c> in place, given the factor from <see cref="TryFactor"/>.</summary>
    public static void Solve(ReadOnlySpan<double> l, int n, Span<double> x)
    {
        SolveLower(l, n, x);
        SolveUpper(l, n, x);
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
