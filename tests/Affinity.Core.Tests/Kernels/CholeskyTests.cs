using Affinity.Core.Kernels;

namespace Affinity.Core.Tests.Kernels;

public sealed class CholeskyTests
{
    [Theory]
    [InlineData(nameof(GemmKernel.Vector512))]
    [InlineData(nameof(GemmKernel.Vector256))]
    [InlineData(nameof(GemmKernel.Vector128))]
    public void Blocked_inverse_matches_the_double_reference_at_every_size_up_to_64(string kernelName)
    {
        var kernel = Enum.Parse<GemmKernel>(kernelName);
        var random = new Random(3);
        for (var n = 1; n <= 64; n++)
        {
            var spd = RandomSpd(random, n);
            var expected = ReferenceInverse(spd, n);
            foreach (var blockSize in new[] { 3, 8, 64 })
            {
                var actual = ToSingle(spd);
                Cholesky.Invert(actual, n, blockSize, kernel, maxDegreeOfParallelism: 1);

                AssertClose(expected, actual, n, $"n = {n}, block {blockSize}, {kernel}");
            }
        }
    }

    [Theory]
    [InlineData(nameof(GemmKernel.Vector512))]
    [InlineData(nameof(GemmKernel.Vector256))]
    [InlineData(nameof(GemmKernel.Vector128))]
    public void Blocked_factor_matches_the_double_reference_and_leaves_the_upper_triangle(string kernelName)
    {
        var kernel = Enum.Parse<GemmKernel>(kernelName);
        var random = new Random(4);
        for (var n = 1; n <= 64; n++)
        {
            var spd = RandomSpd(random, n);
            var expected = (double[])spd.Clone();
            UnblockedCholesky.Factor(expected, n);
            foreach (var blockSize in new[] { 3, 8, 64 })
            {
                var actual = ToSingle(spd);
                for (var i = 0; i < n; i++)
                {
                    for (var j = i + 1; j < n; j++)
                    {
                        actual[(i * n) + j] = -7; // a marker the factorisation must not touch
                    }
                }

                Cholesky.Factor(actual, n, blockSize, kernel, maxDegreeOfParallelism: 1);

                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        var want = j <= i ? expected[(i * n) + j] : -7;
                        Assert.True(Math.Abs(want - actual[(i * n) + j]) <= 1e-4 * (1 + Math.Abs(want)), $"n = {n}, block {blockSize}, {kernel}: L[{i}, {j}] = {actual[(i * n) + j]}, expected {want}");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(300, 64)]
    [InlineData(517, 256)]
    [InlineData(700, 128)]
    public void Larger_matrices_invert_with_every_thread(int n, int blockSize)
    {
        var spd = DiagonallyDominant(new Random(n), n);
        var inverse = ToSingle(spd);

        Cholesky.Invert(inverse, n, blockSize, GemmKernels.Best, maxDegreeOfParallelism: -1);

        // A X = I, checked on 40 columns (a full product would cost n^3 in a test).
        var random = new Random(1);
        for (var sample = 0; sample < 40; sample++)
        {
            var j = random.Next(n);
            for (var i = 0; i < n; i++)
            {
                var s = 0.0;
                for (var k = 0; k < n; k++)
                {
                    s += spd[(i * n) + k] * inverse[(k * n) + j];
                }

                Assert.True(Math.Abs(s - (i == j ? 1 : 0)) < 1e-4, $"n = {n}: (A X)[{i}, {j}] = {s}");
                Assert.Equal(inverse[(i * n) + j], inverse[(j * n) + i]);
            }
        }
    }

    [Fact]
    public void The_public_entry_points_use_the_default_block_and_agree_with_the_reference()
    {
        const int N = 270; // two blocks, of 192 and 78
        var spd = RandomSpd(new Random(9), N);
        var inverse = ToSingle(spd);
        var factor = ToSingle(spd);
        var expectedFactor = (double[])spd.Clone();
        UnblockedCholesky.Factor(expectedFactor, N);

        Cholesky.Invert(inverse, N);
        Cholesky.Factor(factor, N, maxDegreeOfParallelism: 2);

        AssertClose(ReferenceInverse(spd, N), inverse, N, "inverse");
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                Assert.Equal(expectedFactor[(i * N) + j], factor[(i * N) + j], 1e-3);
            }
        }
    }

    [Fact]
    public void The_inverse_of_a_hand_computed_matrix()
    {
        // [[4, 2], [2, 3]]: det = 8, inverse = [[3, -2], [-2, 4]] / 8. Only the lower triangle is read.
        float[] matrix = [4, 99, 2, 3];

        Cholesky.Invert(matrix, 2);

        Assert.Equal([0.375f, -0.25f, -0.25f, 0.5f], matrix);
    }

    [Theory]
    [InlineData(5, 2)]
    [InlineData(40, 8)]
    public void A_matrix_that_is_not_positive_definite_is_refused(int n, int blockSize)
    {
        var matrix = ToSingle(RandomSpd(new Random(1), n));
        matrix[((n - 1) * n) + n - 1] = -1; // the last pivot goes negative

        var invert = Assert.Throws<ArgumentException>(() => Cholesky.Invert((float[])matrix.Clone(), n, blockSize, GemmKernels.Best, 1));
        var factor = Assert.Throws<ArgumentException>(() => Cholesky.Factor((float[])matrix.Clone(), n, blockSize, GemmKernels.Best, 1));

        Assert.Contains("not positive definite", invert.Message, StringComparison.Ordinal);
        Assert.Contains($"row {n - 1}", factor.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Cholesky.Invert(new float[4], -1));
        Assert.Throws<ArgumentException>(() => Cholesky.Invert(new float[3], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cholesky.Factor(new float[4], 2, maxDegreeOfParallelism: 0));
        Cholesky.Invert(Memory<float>.Empty, 0); // an empty matrix is its own inverse
    }

    /// <summary>M M^T / n + I for a random M: symmetric, positive definite, with a condition number of a few hundred.</summary>
    internal static double[] RandomSpd(Random random, int n)
    {
        var m = new double[n * n];
        for (var i = 0; i < m.Length; i++)
        {
            m[i] = random.NextDouble() - 0.5;
        }

        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = 0.0;
                for (var k = 0; k < n; k++)
                {
                    s += m[(i * n) + k] * m[(j * n) + k];
                }

                a[(i * n) + j] = a[(j * n) + i] = (s / n) + (i == j ? 0.05 : 0);
            }
        }

        return a;
    }

    /// <summary>A random symmetric matrix whose diagonal exceeds the sum of its row's other magnitudes (so it is positive definite), in O(n^2).</summary>
    private static double[] DiagonallyDominant(Random random, int n)
    {
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                a[(i * n) + j] = a[(j * n) + i] = random.NextDouble() - 0.5;
            }
        }

        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                sum += Math.Abs(a[(i * n) + j]);
            }

            a[(i * n) + i] = sum + 1;
        }

        return a;
    }

    private static double[] ReferenceInverse(double[] spd, int n)
    {
        var inverse = new double[n * n];
        UnblockedCholesky.Invert(spd, n, inverse);
        return inverse;
    }

    private static float[] ToSingle(double[] values) => Array.ConvertAll(values, v => (float)v);

    /// <summary>Every entry within 1e-3 of the largest entry of the reference (float against double).</summary>
    private static void AssertClose(double[] expected, float[] actual, int n, string what)
    {
        var scale = 0.0;
        foreach (var v in expected)
        {
            scale = Math.Max(scale, Math.Abs(v));
        }

        for (var i = 0; i < n * n; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-3 * scale, $"{what}: entry ({i / n}, {i % n}) is {actual[i]}, expected {expected[i]}");
        }
    }
}
