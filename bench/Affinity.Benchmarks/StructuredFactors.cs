namespace Affinity.Benchmarks;

/// <summary>
/// Seeded synthetic factors shaped like those a trained factor model produces, for retrieval
/// benchmarks at catalogue sizes no dataset here reaches. Random isotropic vectors are the worst
/// case for a graph index and unlike real factors, which concentrate near a low-dimensional
/// subspace, form taste clusters of very unequal size, and have long-tailed norms (popular items
/// get long vectors under ALS and BPR).
/// </summary>
/// <remarks>
/// <para>
/// Items: <c>clusters</c> centres c_j = A z_j with A a fixed d x r matrix of N(0, 1/r) values and
/// z_j ~ N(0, I_r), so the centres span an r-dimensional subspace of the d-dimensional space. Cluster
/// j is chosen with probability proportional to 1 / (j + 1) (Zipf, exponent 1). An item of cluster
/// j has the direction of c_j + e, e ~ N(0, noise² I_d), scaled to a norm drawn from a
/// log-normal exp(N(0, normSigma²)): with normSigma 0.5 the longest of 100k items is about 8 times
/// the median.
/// </para>
/// <para>
/// Queries (users): a mix of two cluster centres chosen the same way, weights w and 1 − w with
/// w ~ U(0, 1), plus N(0, noise² I_d); their norms do not change a ranking.
/// </para>
/// </remarks>
public static class StructuredFactors
{
    /// <summary>Item vectors and query vectors, row-major.</summary>
    /// <param name="items">Item rows to draw.</param>
    /// <param name="queries">Query rows to draw.</param>
    /// <param name="dims">The length of every row.</param>
    /// <param name="seed">Seeds every draw.</param>
    /// <param name="clusters">Taste clusters; at least 1.</param>
    /// <param name="rank">The dimension r of the subspace the centres span.</param>
    /// <param name="noise">The standard deviation of each coordinate around a centre (centres have about unit scale per coordinate).</param>
    /// <param name="normSigma">The log-normal spread of item norms.</param>
    public static (float[] Items, float[] Queries) Generate(int items, int queries, int dims, int seed, int clusters = 1_000, int rank = 16, double noise = 0.5, double normSigma = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clusters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rank);
        var random = new Random(seed);
        var basis = new double[dims * rank];
        for (var i = 0; i < basis.Length; i++)
        {
            basis[i] = Gaussian(random) / Math.Sqrt(rank);
        }

        var centres = new double[clusters * dims];
        var z = new double[rank];
        for (var c = 0; c < clusters; c++)
        {
            for (var k = 0; k < rank; k++)
            {
                z[k] = Gaussian(random);
            }

            for (var d = 0; d < dims; d++)
            {
                var sum = 0.0;
                for (var k = 0; k < rank; k++)
                {
                    sum += basis[(d * rank) + k] * z[k];
                }

                centres[(c * dims) + d] = sum;
            }
        }

        var cumulative = ZipfCumulative(clusters);
        var itemVectors = new float[items * dims];
        var row = new double[dims];
        for (var i = 0; i < items; i++)
        {
            var c = Pick(cumulative, random);
            var squared = 0.0;
            for (var d = 0; d < dims; d++)
            {
                row[d] = centres[(c * dims) + d] + (noise * Gaussian(random));
                squared += row[d] * row[d];
            }

            var scale = Math.Exp(normSigma * Gaussian(random)) / Math.Sqrt(squared);
            for (var d = 0; d < dims; d++)
            {
                itemVectors[(i * dims) + d] = (float)(row[d] * scale);
            }
        }

        var queryVectors = new float[queries * dims];
        for (var q = 0; q < queries; q++)
        {
            var a = Pick(cumulative, random);
            var b = Pick(cumulative, random);
            var w = random.NextDouble();
            for (var d = 0; d < dims; d++)
            {
                queryVectors[(q * dims) + d] = (float)((w * centres[(a * dims) + d]) + ((1 - w) * centres[(b * dims) + d]) + (noise * Gaussian(random)));
            }
        }

        return (itemVectors, queryVectors);
    }

    private static double[] ZipfCumulative(int clusters)
    {
        var cumulative = new double[clusters];
        var total = 0.0;
        for (var c = 0; c < clusters; c++)
        {
            total += 1.0 / (c + 1);
            cumulative[c] = total;
        }

        for (var c = 0; c < clusters; c++)
        {
            cumulative[c] /= total;
        }

        return cumulative;
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var at = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(at < 0 ? ~at : at, cumulative.Length - 1);
    }

    /// <summary>Box-Muller.</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
