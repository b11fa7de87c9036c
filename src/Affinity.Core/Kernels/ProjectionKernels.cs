using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Affinity.Core.Kernels;

/// <summary>How the coefficient of a row in <see cref="ProjectionKernels.Accumulate{TCoefficient}"/> follows from its weight w and its dot product d with the probe vector.</summary>
public interface IProjectionCoefficient
{
    /// <summary>The coefficient that multiplies the row before it is added.</summary>
    static abstract float Of(float weight, float dot);
}

/// <summary>w · d: the sparse part Σ w (y · p) y of a weighted Gram product (YᵀWY) p.</summary>
public readonly struct WeightedProjection : IProjectionCoefficient
{
    /// <inheritdoc />
    public static float Of(float weight, float dot) => weight * dot;
}

/// <summary>1 + w − w · d: the sparse part Σ ((1 + w) − w (y · x)) y of the residual b − A x of implicit ALS's row system.</summary>
public readonly struct ImplicitResidual : IProjectionCoefficient
{
    /// <inheritdoc />
    public static float Of(float weight, float dot) => 1 + weight - (weight * dot);
}

/// <summary>
/// The sparse inner loops of conjugate-gradient ALS (Takács, Pilászy and Tikk, RecSys 2011): for a
/// set of rows y_e of a row-major factor matrix, each with a weight w_e, accumulate Σ c(w_e, y_e · v) y_e.
/// Each row is read once from memory and once more from L1 for the update, in one pass of
/// <see cref="Vector{T}"/> operations with no per-row call or dispatch, where a
/// <c>TensorPrimitives.Dot</c> followed by a <c>MultiplyAdd</c> per row pays both calls' set-up on
/// every one of a few dozen floats.
/// </summary>
public static class ProjectionKernels
{
    /// <summary>accumulator += Σ_e C.Of(weights[e], y_e · probe) · y_e, where y_e is row <c>rows[e]</c> of <paramref name="matrix"/>.</summary>
    /// <param name="matrix">Row-major values, <paramref name="probe"/>.Length columns per row.</param>
    /// <param name="rows">The rows to visit.</param>
    /// <param name="weights">One weight per visited row.</param>
    /// <param name="probe">The vector v each row is dotted with.</param>
    /// <param name="accumulator">Receives the sum (added to what it holds), as long as <paramref name="probe"/>.</param>
    /// <exception cref="ArgumentException">The lengths disagree or a row lies outside the matrix.</exception>
    public static void Accumulate<TCoefficient>(ReadOnlySpan<float> matrix, ReadOnlySpan<int> rows, ReadOnlySpan<float> weights, ReadOnlySpan<float> probe, Span<float> accumulator)
        where TCoefficient : struct, IProjectionCoefficient
    {
        var k = probe.Length;
        if (rows.Length != weights.Length || accumulator.Length != k || k == 0)
        {
            throw new ArgumentException("Every row needs a weight, and the probe and the accumulator one value per column.", nameof(accumulator));
        }

        var rowCount = matrix.Length / k;
        foreach (var row in rows)
        {
            if ((uint)row >= (uint)rowCount)
            {
                throw new ArgumentException($"Row {row} is outside a matrix of {rowCount} rows.", nameof(rows));
            }
        }

        ref var start = ref MemoryMarshal.GetReference(matrix);
        ref var v = ref MemoryMarshal.GetReference(probe);
        ref var acc = ref MemoryMarshal.GetReference(accumulator);
        for (var e = 0; e < rows.Length; e++)
        {
            ref var y = ref Unsafe.Add(ref start, (nint)rows[e] * k);
            var coefficient = TCoefficient.Of(weights[e], Dot(ref y, ref v, k));
            AddScaled(ref y, coefficient, ref acc, k);
        }
    }

    /// <summary>
    /// result = M v for a row-major matrix M of <paramref name="result"/>.Length rows and
    /// <paramref name="vector"/>.Length columns: one dot product per row, read in order (scoring a user
    /// against every item; the Gram product of conjugate gradient).
    /// </summary>
    /// <exception cref="ArgumentException">The lengths disagree.</exception>
    public static void Multiply(ReadOnlySpan<float> matrix, ReadOnlySpan<float> vector, Span<float> result)
    {
        var k = vector.Length;
        if (matrix.Length != (long)k * result.Length || (k == 0 && result.Length != 0))
        {
            throw new ArgumentException($"Expected a matrix of {result.Length} rows of {k} columns.", nameof(matrix));
        }

        ref var m = ref MemoryMarshal.GetReference(matrix);
        ref var v = ref MemoryMarshal.GetReference(vector);
        for (var row = 0; row < result.Length; row++)
        {
            result[row] = Dot(ref Unsafe.Add(ref m, (nint)row * k), ref v, k);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(ref float a, ref float b, int k)
    {
        var width = Vector<float>.Count;
        var f = 0;
        // Two accumulators halve the chain of dependent additions.
        var s0 = Vector<float>.Zero;
        var s1 = Vector<float>.Zero;
        for (; f <= k - (2 * width); f += 2 * width)
        {
            s0 += Vector.LoadUnsafe(ref a, (nuint)f) * Vector.LoadUnsafe(ref b, (nuint)f);
            s1 += Vector.LoadUnsafe(ref a, (nuint)(f + width)) * Vector.LoadUnsafe(ref b, (nuint)(f + width));
        }

        for (; f <= k - width; f += width)
        {
            s0 += Vector.LoadUnsafe(ref a, (nuint)f) * Vector.LoadUnsafe(ref b, (nuint)f);
        }

        var sum = Vector.Sum(s0 + s1);
        for (; f < k; f++)
        {
            sum += Unsafe.Add(ref a, f) * Unsafe.Add(ref b, f);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled(ref float y, float scale, ref float accumulator, int k)
    {
        var width = Vector<float>.Count;
        var f = 0;
        var s = new Vector<float>(scale);
        for (; f <= k - width; f += width)
        {
            (Vector.LoadUnsafe(ref accumulator, (nuint)f) + (Vector.LoadUnsafe(ref y, (nuint)f) * s)).StoreUnsafe(ref accumulator, (nuint)f);
        }

        for (; f < k; f++)
        {
            Unsafe.Add(ref accumulator, f) += Unsafe.Add(ref y, f) * scale;
        }
    }
}
