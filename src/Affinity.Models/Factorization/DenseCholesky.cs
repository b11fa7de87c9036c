using System.Numerics.Tensors;

namespace Affinity.Models.Factorization;

/// <summary>
/// Solves small dense symmetric positive definite systems A x = b by the Cholesky factorisation
/// A = L Lᵀ (Golub and Van Loan, "Matrix Computations", algorithm 4.2.1, the row-oriented "dot
/// product" form), in place and without allocating. Matrices are n × n, row-major; only the lower
/// triangle (column ≤ row) is read, and the factorisation overwrites it with L. Meant for the
/// factor-sized systems of alternating least squares (n up to a few hundred), where the O(n³ / 3)
/// work is small beside building the system.
/// </summary>
public static class DenseCholesky
{
    /// <summary>
    /// Overwrites the lower triangle of <paramref name="matrix"/> with its Cholesky factor L.
    /// Returns false, leaving the matrix partly overwritten, when a pivot is not positive (the matrix
    /// is not positive definite to working precision).
    /// </summary>
    /// <param name="matrix">n × n values, row-major; the upper triangle is neither read nor written.</param>
    /// <param name="n">The order of the matrix.</param>
    public static bool TryFactor(Span<double> matrix, int n)
    {
        CheckShape(matrix.Length, n);
        for (var j = 0; j < n; j++)
        {
            var rowJ = matrix.Slice(j * n, j);
            var pivot = matrix[(j * n) + j] - TensorPrimitives.Dot<double>(rowJ, rowJ);
            if (!(pivot > 0))
            {
                return false;
            }

            var diagonal = Math.Sqrt(pivot);
            matrix[(j * n) + j] = diagonal;
            for (var i = j + 1; i < n; i++)
            {
                // L[i, j] = (A[i, j] - L[i, 0..j) · L[j, 0..j)) / L[j, j]: two contiguous row prefixes.
                var rowI = matrix.Slice(i * n, j);
                matrix[(i * n) + j] = (matrix[(i * n) + j] - TensorPrimitives.Dot<double>(rowI, rowJ)) / diagonal;
            }
        }

        return true;
    }

    /// <summary>Overwrites <paramref name="rhs"/> with the solution of L Lᵀ x = rhs, given the factor from <see cref="TryFactor"/>.</summary>
    /// <param name="factor">The n × n matrix whose lower triangle holds L.</param>
    /// <param name="n">The order of the matrix.</param>
    /// <param name="rhs">The right-hand side on entry, the solution on return (length n).</param>
    public static void SolveFactored(ReadOnlySpan<double> factor, int n, Span<double> rhs)
    {
        CheckShape(factor.Length, n);
        if (rhs.Length != n)
        {
            throw new ArgumentException($"The right-hand side has {rhs.Length} values for a system of order {n}.", nameof(rhs));
        }

        // Forward: L y = b, reading L by rows.
        for (var i = 0; i < n; i++)
        {
            rhs[i] = (rhs[i] - TensorPrimitives.Dot(factor.Slice(i * n, i), rhs[..i])) / factor[(i * n) + i];
        }

        // Backward: Lᵀ x = y; column i of Lᵀ is row i of L, so subtract each solved x[i] times row i.
        for (var i = n - 1; i >= 0; i--)
        {
            var xi = rhs[i] / factor[(i * n) + i];
            rhs[i] = xi;
            TensorPrimitives.MultiplyAdd(factor.Slice(i * n, i), -xi, rhs[..i], rhs[..i]);
        }
    }

    /// <summary>Factors <paramref name="matrix"/> in place and overwrites <paramref name="rhs"/> with the solution of A x = rhs.</summary>
    /// <exception cref="ArgumentException">The matrix is not positive definite, or the shapes do not fit.</exception>
    public static void Solve(Span<double> matrix, int n, Span<double> rhs)
    {
        if (!TryFactor(matrix, n))
        {
            throw new ArgumentException("The matrix is not positive definite.", nameof(matrix));
        }

        SolveFactored(matrix, n, rhs);
    }

    private static void CheckShape(int length, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (length != n * n)
        {
            throw new ArgumentException($"A matrix of order {n} needs {n * n} values, not {length}.", nameof(length));
        }
    }
}
