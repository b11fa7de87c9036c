using System.Globalization;
using System.Numerics.Tensors;

namespace Affinity.Core.Kernels;

/// <summary>
/// Textbook double-precision Cholesky routines on small row-major matrices: the diagonal blocks of
/// the blocked <see cref="Cholesky"/> routines, and the reference their tests compare against.
/// Every inner loop is a dot product of two contiguous row pieces.
/// </summary>
internal static class UnblockedCholesky
{
    /// <summary>
    /// Overwrites the lower triangle of the n x n matrix with L, where A = L L^T (Cholesky-Crout,
    /// row by row); the strict upper triangle is not touched.
    /// </summary>
    /// <param name="a">The matrix, row-major with row stride <paramref name="n"/>; only its lower triangle is read.</param>
    /// <param name="n">The order.</param>
    /// <param name="firstIndex">Added to the pivot index in the error message (the block's offset in a larger matrix).</param>
    /// <exception cref="ArgumentException">A pivot is not positive: the matrix is not positive definite.</exception>
    public static void Factor(Span<double> a, int n, int firstIndex = 0)
    {
        for (var i = 0; i < n; i++)
        {
            var rowI = a.Slice(i * n, i + 1);
            for (var j = 0; j <= i; j++)
            {
                var s = rowI[j] - TensorPrimitives.Dot(rowI[..j], a.Slice(j * n, j));
                if (j < i)
                {
                    rowI[j] = s / a[(j * n) + j];
                }
                else if (s > 0 && double.IsFinite(s))
                {
                    rowI[i] = Math.Sqrt(s);
                }
                else
                {
                    throw NotPositiveDefinite(firstIndex + i, s);
                }
            }
        }
    }

    /// <summary>
    /// Writes the transpose of L^-1 (an upper triangle; zeros below) for the lower-triangular L in
    /// <paramref name="l"/>: row j of the result is column j of L^-1, so the inverse is built from
    /// contiguous dot products.
    /// </summary>
    public static void InvertLowerTransposed(ReadOnlySpan<double> l, int n, Span<double> inverseTransposed)
    {
        inverseTransposed[..(n * n)].Clear();
        for (var j = 0; j < n; j++)
        {
            var row = inverseTransposed.Slice(j * n, n);
            row[j] = 1 / l[(j * n) + j];
            for (var i = j + 1; i < n; i++)
            {
                // (L^-1)[i, j] = -(sum over j <= m < i of L[i, m] (L^-1)[m, j]) / L[i, i].
                row[i] = -TensorPrimitives.Dot(l.Slice((i * n) + j, i - j), row[j..i]) / l[(i * n) + i];
            }
        }
    }

    /// <summary>
    /// Writes the full symmetric inverse of an SPD matrix (read from its lower triangle) into
    /// <paramref name="inverse"/>: A^-1 = L^-T L^-1, entry (i, j) the dot product of rows i and j
    /// of L^-T from max(i, j) on.
    /// </summary>
    /// <exception cref="ArgumentException">The matrix is not positive definite.</exception>
    public static void Invert(ReadOnlySpan<double> a, int n, Span<double> inverse, int firstIndex = 0)
    {
        var factor = a[..(n * n)].ToArray();
        Factor(factor, n, firstIndex);
        var inverseTransposed = new double[n * n];
        InvertLowerTransposed(factor, n, inverseTransposed);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var value = TensorPrimitives.Dot(inverseTransposed.AsSpan((i * n) + i, n - i), inverseTransposed.AsSpan((j * n) + i, n - i));
                inverse[(i * n) + j] = value;
                inverse[(j * n) + i] = value;
            }
        }
    }

    /// <summary>The error for a pivot that is not positive.</summary>
    public static ArgumentException NotPositiveDefinite(int index, double pivot) => new(
        string.Create(CultureInfo.InvariantCulture, $"The matrix is not positive definite: the pivot of row {index} is {pivot:G6}."),
        "matrix");
}
