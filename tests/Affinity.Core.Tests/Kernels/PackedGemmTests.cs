using Affinity.Core.Kernels;

namespace Affinity.Core.Tests.Kernels;

public sealed class PackedGemmTests
{
    [Theory]
    [InlineData(nameof(GemmKernel.Vector512))]
    [InlineData(nameof(GemmKernel.Vector256))]
    [InlineData(nameof(GemmKernel.Vector128))]
    public void Every_micro_kernel_matches_a_scalar_product_at_every_depth_up_to_256(string kernelName)
    {
        var kernel = Enum.Parse<GemmKernel>(kernelName);
        var (mr, nr) = GemmKernels.Shape(kernel);
        var random = new Random(5);
        for (var depth = 0; depth <= 256; depth++)
        {
            var a = Random(random, mr * depth);
            var b = Random(random, nr * depth);
            var tile = new float[mr * nr];
            tile.AsSpan().Fill(float.NaN); // every slot must be written

            GemmKernels.Run(kernel, a, b, depth, tile);

            for (var r = 0; r < mr; r++)
            {
                for (var c = 0; c < nr; c++)
                {
                    var expected = 0.0;
                    for (var k = 0; k < depth; k++)
                    {
                        expected += (double)a[(k * mr) + r] * b[(k * nr) + c];
                    }

                    Assert.True(Math.Abs(expected - tile[(r * nr) + c]) <= 1e-4 * (1 + depth), $"{kernel}, depth {depth}: tile ({r}, {c}) = {tile[(r * nr) + c]}, expected {expected}");
                }
            }
        }
    }

    [Theory]
    [InlineData(nameof(GemmKernel.Vector512))]
    [InlineData(nameof(GemmKernel.Vector256))]
    [InlineData(nameof(GemmKernel.Vector128))]
    public void Multiply_stores_a_times_b_transposed_for_ragged_shapes(string kernelName)
    {
        var kernel = Enum.Parse<GemmKernel>(kernelName);
        var random = new Random(6);
        foreach (var (rows, columns, depth) in new[] { (1, 1, 1), (7, 33, 5), (17, 9, 40), (70, 65, 3), (33, 100, 31) })
        {
            var a = Random(random, rows * depth);
            var b = Random(random, columns * depth);
            const int Ldc = 101;
            var c = new float[rows * Ldc];
            c.AsSpan().Fill(42);

            Multiply(kernel, a, rows, b, columns, depth, c, Ldc, GemmUpdate.Store);

            for (var r = 0; r < rows; r++)
            {
                for (var j = 0; j < Ldc; j++)
                {
                    var expected = j < columns ? Dot(a, r, b, j, depth) : 42;
                    Assert.Equal(expected, c[(r * Ldc) + j], 1e-4);
                }
            }
        }
    }

    [Theory]
    [InlineData(nameof(GemmKernel.Vector512))]
    [InlineData(nameof(GemmKernel.Vector256))]
    [InlineData(nameof(GemmKernel.Vector128))]
    public void Subtract_lower_changes_only_the_lower_triangle(string kernelName)
    {
        var kernel = Enum.Parse<GemmKernel>(kernelName);
        var random = new Random(7);
        foreach (var (size, depth) in new[] { (1, 2), (9, 4), (40, 7), (75, 16) })
        {
            var a = Random(random, size * depth);
            var b = Random(random, size * depth);
            var c = Random(random, size * size);
            var before = (float[])c.Clone();

            Multiply(kernel, a, size, b, size, depth, c, size, GemmUpdate.SubtractLower);

            for (var r = 0; r < size; r++)
            {
                for (var j = 0; j < size; j++)
                {
                    var expected = j <= r ? before[(r * size) + j] - Dot(a, r, b, j, depth) : before[(r * size) + j];
                    Assert.Equal(expected, c[(r * size) + j], 1e-4);
                }
            }
        }
    }

    private static void Multiply(GemmKernel kernel, float[] a, int rows, float[] b, int columns, int depth, float[] c, int ldc, GemmUpdate update)
    {
        var (mr, nr) = GemmKernels.Shape(kernel);
        var options = new ParallelOptions { MaxDegreeOfParallelism = 2 };
        var packedA = new float[PackedGemm.PackedLength(rows, depth, mr)];
        var packedB = new float[PackedGemm.PackedLength(columns, depth, nr)];
        PackedGemm.Pack(a, depth, rows, depth, mr, packedA, options);
        PackedGemm.Pack(b, depth, columns, depth, nr, packedB, options);
        PackedGemm.Multiply(kernel, packedA, rows, packedB, columns, depth, c, ldc, update, options);
    }

    private static float Dot(float[] a, int row, float[] b, int column, int depth)
    {
        var s = 0.0;
        for (var k = 0; k < depth; k++)
        {
            s += (double)a[(row * depth) + k] * b[(column * depth) + k];
        }

        return (float)s;
    }

    private static float[] Random(Random random, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = random.NextSingle() - 0.5f;
        }

        return values;
    }
}
