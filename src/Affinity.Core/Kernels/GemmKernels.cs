using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Affinity.Core.Kernels;

/// <summary>The register-blocked inner kernels of <see cref="PackedGemm"/>, one per vector width.</summary>
internal enum GemmKernel
{
    /// <summary>8 rows x 32 columns of AVX-512 accumulators (16 zmm registers).</summary>
    Vector512,

    /// <summary>6 rows x 16 columns of AVX2 accumulators (12 ymm registers), the classic Haswell shape.</summary>
    Vector256,

    /// <summary>4 rows x 8 columns of 128-bit accumulators; runs everywhere (SSE, NEON, or software).</summary>
    Vector128,
}

/// <summary>
/// Micro-kernels for C = A B^T on packed panels, after BLIS (Van Zee and van de Geijn, "BLIS: A
/// Framework for Rapidly Instantiating BLAS Functionality", ACM TOMS 2015): an A panel holds
/// <c>Rows</c> rows of A interleaved by depth (<c>a[k * Rows + r]</c>), a B panel <c>Columns</c>
/// rows of B the same way, and the kernel keeps the whole Rows x Columns tile in registers while it
/// runs down the depth: per step it loads two vectors of B, broadcasts each A value and issues two
/// fused multiply-adds per row. Nothing is read twice and nothing spills.
/// </summary>
internal static class GemmKernels
{
    /// <summary>The widest kernel this machine runs in hardware.</summary>
    public static GemmKernel Best { get; } = Vector512.IsHardwareAccelerated ? GemmKernel.Vector512
        : Vector256.IsHardwareAccelerated ? GemmKernel.Vector256
        : GemmKernel.Vector128;

    /// <summary>The tile shape (rows of A, rows of B) of a kernel.</summary>
    public static (int Rows, int Columns) Shape(GemmKernel kernel) => kernel switch
    {
        GemmKernel.Vector512 => (8, 32),
        GemmKernel.Vector256 => (6, 16),
        _ => (4, 8),
    };

    /// <summary>Writes the Rows x Columns tile <c>a b^T</c> of two packed panels of the given depth into <paramref name="tile"/> (row-major).</summary>
    public static void Run(GemmKernel kernel, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int depth, Span<float> tile)
    {
        var (rows, columns) = Shape(kernel);
        if (a.Length < depth * rows || b.Length < depth * columns || tile.Length < rows * columns)
        {
            throw new ArgumentException("The panels or the tile are shorter than the kernel shape needs.", nameof(tile));
        }

        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        ref var pc = ref MemoryMarshal.GetReference(tile);
        switch (kernel)
        {
            case GemmKernel.Vector512:
                Kernel8x32(ref pa, ref pb, depth, ref pc);
                break;
            case GemmKernel.Vector256:
                Kernel6x16(ref pa, ref pb, depth, ref pc);
                break;
            default:
                Kernel4x8(ref pa, ref pb, depth, ref pc);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel8x32(ref float a, ref float b, int depth, ref float c)
    {
        var c00 = Vector512<float>.Zero;
        var c01 = Vector512<float>.Zero;
        var c10 = Vector512<float>.Zero;
        var c11 = Vector512<float>.Zero;
        var c20 = Vector512<float>.Zero;
        var c21 = Vector512<float>.Zero;
        var c30 = Vector512<float>.Zero;
        var c31 = Vector512<float>.Zero;
        var c40 = Vector512<float>.Zero;
        var c41 = Vector512<float>.Zero;
        var c50 = Vector512<float>.Zero;
        var c51 = Vector512<float>.Zero;
        var c60 = Vector512<float>.Zero;
        var c61 = Vector512<float>.Zero;
        var c70 = Vector512<float>.Zero;
        var c71 = Vector512<float>.Zero;
        for (var k = 0; k < depth; k++)
        {
            var b0 = Vector512.LoadUnsafe(ref b);
            var b1 = Vector512.LoadUnsafe(ref b, 16);
            var x = Vector512.Create(a);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref a, 1));
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref a, 2));
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref a, 3));
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(Unsafe.Add(ref a, 4));
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(Unsafe.Add(ref a, 5));
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(Unsafe.Add(ref a, 6));
            c60 = Vector512.FusedMultiplyAdd(x, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(Unsafe.Add(ref a, 7));
            c70 = Vector512.FusedMultiplyAdd(x, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            a = ref Unsafe.Add(ref a, 8);
            b = ref Unsafe.Add(ref b, 32);
        }

        c00.StoreUnsafe(ref c, 0);
        c01.StoreUnsafe(ref c, 16);
        c10.StoreUnsafe(ref c, 32);
        c11.StoreUnsafe(ref c, 48);
        c20.StoreUnsafe(ref c, 64);
        c21.StoreUnsafe(ref c, 80);
        c30.StoreUnsafe(ref c, 96);
        c31.StoreUnsafe(ref c, 112);
        c40.StoreUnsafe(ref c, 128);
        c41.StoreUnsafe(ref c, 144);
        c50.StoreUnsafe(ref c, 160);
        c51.StoreUnsafe(ref c, 176);
        c60.StoreUnsafe(ref c, 192);
        c61.StoreUnsafe(ref c, 208);
        c70.StoreUnsafe(ref c, 224);
        c71.StoreUnsafe(ref c, 240);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel6x16(ref float a, ref float b, int depth, ref float c)
    {
        var c00 = Vector256<float>.Zero;
        var c01 = Vector256<float>.Zero;
        var c10 = Vector256<float>.Zero;
        var c11 = Vector256<float>.Zero;
        var c20 = Vector256<float>.Zero;
        var c21 = Vector256<float>.Zero;
        var c30 = Vector256<float>.Zero;
        var c31 = Vector256<float>.Zero;
        var c40 = Vector256<float>.Zero;
        var c41 = Vector256<float>.Zero;
        var c50 = Vector256<float>.Zero;
        var c51 = Vector256<float>.Zero;
        for (var k = 0; k < depth; k++)
        {
            var b0 = Vector256.LoadUnsafe(ref b);
            var b1 = Vector256.LoadUnsafe(ref b, 8);
            var x = Vector256.Create(a);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a, 1));
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a, 2));
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a, 3));
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(Unsafe.Add(ref a, 4));
            c40 = Vector256.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(Unsafe.Add(ref a, 5));
            c50 = Vector256.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            a = ref Unsafe.Add(ref a, 6);
            b = ref Unsafe.Add(ref b, 16);
        }

        c00.StoreUnsafe(ref c, 0);
        c01.StoreUnsafe(ref c, 8);
        c10.StoreUnsafe(ref c, 16);
        c11.StoreUnsafe(ref c, 24);
        c20.StoreUnsafe(ref c, 32);
        c21.StoreUnsafe(ref c, 40);
        c30.StoreUnsafe(ref c, 48);
        c31.StoreUnsafe(ref c, 56);
        c40.StoreUnsafe(ref c, 64);
        c41.StoreUnsafe(ref c, 72);
        c50.StoreUnsafe(ref c, 80);
        c51.StoreUnsafe(ref c, 88);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel4x8(ref float a, ref float b, int depth, ref float c)
    {
        var c00 = Vector128<float>.Zero;
        var c01 = Vector128<float>.Zero;
        var c10 = Vector128<float>.Zero;
        var c11 = Vector128<float>.Zero;
        var c20 = Vector128<float>.Zero;
        var c21 = Vector128<float>.Zero;
        var c30 = Vector128<float>.Zero;
        var c31 = Vector128<float>.Zero;
        for (var k = 0; k < depth; k++)
        {
            var b0 = Vector128.LoadUnsafe(ref b);
            var b1 = Vector128.LoadUnsafe(ref b, 4);
            var x = Vector128.Create(a);
            c00 = Vector128.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector128.FusedMultiplyAdd(x, b1, c01);
            x = Vector128.Create(Unsafe.Add(ref a, 1));
            c10 = Vector128.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector128.FusedMultiplyAdd(x, b1, c11);
            x = Vector128.Create(Unsafe.Add(ref a, 2));
            c20 = Vector128.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector128.FusedMultiplyAdd(x, b1, c21);
            x = Vector128.Create(Unsafe.Add(ref a, 3));
            c30 = Vector128.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector128.FusedMultiplyAdd(x, b1, c31);
            a = ref Unsafe.Add(ref a, 4);
            b = ref Unsafe.Add(ref b, 8);
        }

        c00.StoreUnsafe(ref c, 0);
        c01.StoreUnsafe(ref c, 4);
        c10.StoreUnsafe(ref c, 8);
        c11.StoreUnsafe(ref c, 12);
        c20.StoreUnsafe(ref c, 16);
        c21.StoreUnsafe(ref c, 20);
        c30.StoreUnsafe(ref c, 24);
        c31.StoreUnsafe(ref c, 28);
    }
}
