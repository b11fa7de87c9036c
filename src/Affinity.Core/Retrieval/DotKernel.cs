using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Affinity.Core.Retrieval;

/// <summary>
/// The dot product of two short rows, the one operation a graph walk repeats millions of times.
/// <c>TensorPrimitives.Dot</c> is built for long spans: per call it checks lengths, picks a code
/// path and handles a general tail, which for 64-value rows costs as much as the arithmetic.
/// Here two 256-bit accumulators take 16 values a step with no bounds checks (the caller's spans
/// fix the length), then one 128-bit step and a scalar tail; rows of 65 (the inner-product
/// layout) cost one scalar product more than rows of 64.
/// </summary>
internal static class DotKernel
{
    /// <summary>Σ a[i] b[i] over the first <paramref name="length"/> values of each; both must hold that many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> a, ref float b, int length)
    {
        ref var x = ref MemoryMarshal.GetReference(a);
        var i = 0;
        var sum = 0f;
        if (Vector256.IsHardwareAccelerated && length >= 16)
        {
            var acc0 = Vector256<float>.Zero;
            var acc1 = Vector256<float>.Zero;
            for (; i <= length - 16; i += 16)
            {
                acc0 += Vector256.LoadUnsafe(ref x, (nuint)i) * Vector256.LoadUnsafe(ref b, (nuint)i);
                acc1 += Vector256.LoadUnsafe(ref x, (nuint)(i + 8)) * Vector256.LoadUnsafe(ref b, (nuint)(i + 8));
            }

            if (i <= length - 8)
            {
                acc0 += Vector256.LoadUnsafe(ref x, (nuint)i) * Vector256.LoadUnsafe(ref b, (nuint)i);
                i += 8;
            }

            sum = Vector256.Sum(acc0 + acc1);
        }
        else if (Vector128.IsHardwareAccelerated && length >= 4)
        {
            var acc = Vector128<float>.Zero;
            for (; i <= length - 4; i += 4)
            {
                acc += Vector128.LoadUnsafe(ref x, (nuint)i) * Vector128.LoadUnsafe(ref b, (nuint)i);
            }

            sum = Vector128.Sum(acc);
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref x, i) * Unsafe.Add(ref b, i);
        }

        return sum;
    }
}
