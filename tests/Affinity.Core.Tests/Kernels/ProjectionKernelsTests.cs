using Affinity.Core.Kernels;

namespace Affinity.Core.Tests.Kernels;

public sealed class ProjectionKernelsTests
{
    [Fact]
    public void Accumulate_matches_a_scalar_reference_at_every_length()
    {
        var random = new Random(3);
        for (var k = 1; k <= 256; k++)
        {
            var matrix = Values(random, 7 * k);
            int[] rows = [4, 0, 6, 4];
            float[] weights = [0.5f, 2f, 0f, 1.5f];
            var probe = Values(random, k);
            var start = Values(random, k);

            var projected = (float[])start.Clone();
            ProjectionKernels.Accumulate<WeightedProjection>(matrix, rows, weights, probe, projected);
            var residual = (float[])start.Clone();
            ProjectionKernels.Accumulate<ImplicitResidual>(matrix, rows, weights, probe, residual);

            var expectedProjected = (double[])Array.ConvertAll(start, v => (double)v);
            var expectedResidual = (double[])expectedProjected.Clone();
            for (var e = 0; e < rows.Length; e++)
            {
                var dot = 0.0;
                for (var f = 0; f < k; f++)
                {
                    dot += matrix[(rows[e] * k) + f] * probe[f];
                }

                for (var f = 0; f < k; f++)
                {
                    var y = matrix[(rows[e] * k) + f];
                    expectedProjected[f] += weights[e] * dot * y;
                    expectedResidual[f] += (1 + weights[e] - (weights[e] * dot)) * y;
                }
            }

            for (var f = 0; f < k; f++)
            {
                Assert.Equal(expectedProjected[f], projected[f], 1e-3 * Math.Sqrt(k));
                Assert.Equal(expectedResidual[f], residual[f], 1e-3 * Math.Sqrt(k));
            }
        }
    }

    [Fact]
    public void Multiply_matches_a_scalar_reference_at_every_length()
    {
        var random = new Random(5);
        foreach (var rows in new[] { 0, 1, 3, 17 })
        {
            for (var k = 1; k <= 130; k++)
            {
                var matrix = Values(random, rows * k);
                var vector = Values(random, k);
                var result = new float[rows];

                ProjectionKernels.Multiply(matrix, vector, result);

                for (var row = 0; row < rows; row++)
                {
                    var expected = 0.0;
                    for (var c = 0; c < k; c++)
                    {
                        expected += matrix[(row * k) + c] * vector[c];
                    }

                    Assert.Equal(expected, result[row], 1e-4 * Math.Sqrt(k));
                }
            }
        }
    }

    [Fact]
    public void Rejects_rows_outside_the_matrix_and_mismatched_lengths()
    {
        var matrix = new float[6];
        Assert.Throws<ArgumentException>(() => ProjectionKernels.Accumulate<WeightedProjection>(matrix, [3], [1f], new float[2], new float[2]));
        Assert.Throws<ArgumentException>(() => ProjectionKernels.Accumulate<WeightedProjection>(matrix, [0, 1], [1f], new float[2], new float[2]));
        Assert.Throws<ArgumentException>(() => ProjectionKernels.Multiply(matrix, new float[2], new float[2]));
    }

    private static float[] Values(Random random, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = random.NextSingle() - 0.5f;
        }

        return values;
    }
}
