using Affinity.Core.Retrieval;

namespace Affinity.Core.Tests.Retrieval;

/// <summary>Seeded random vectors and recall against exact search for the retrieval tests.</summary>
internal static class RetrievalData
{
    /// <summary>Standard normal values, row after row.</summary>
    public static float[] Normal(int rows, int dimensions, int seed)
    {
        var random = new Random(seed);
        var values = new float[rows * dimensions];
        for (var i = 0; i < values.Length; i++)
        {
            // Box-Muller.
            var u1 = 1.0 - random.NextDouble();
            values[i] = (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * random.NextDouble()));
        }

        return values;
    }

    /// <summary>The share of the exact top-k that <paramref name="retriever"/> finds, over every query row.</summary>
    public static double RecallAt(int k, IItemRetriever retriever, float[] items, float[] queries, Func<IItemRetriever, ReadOnlySpan<float>, int[], float[], int>? search = null)
    {
        var dims = retriever.Dimensions;
        var exact = new ExactRetriever(items, dims, retriever.Metric);
        var truth = new int[k];
        var found = new int[k];
        var scores = new float[k];
        var hits = 0;
        var total = 0;
        for (var q = 0; q < queries.Length / dims; q++)
        {
            var query = queries.AsSpan(q * dims, dims);
            var expected = exact.Search(query, truth, scores);
            var got = search is null ? retriever.Search(query, found, scores) : search(retriever, query, found, scores);
            for (var i = 0; i < got; i++)
            {
                if (Array.IndexOf(truth, found[i], 0, expected) >= 0)
                {
                    hits++;
                }
            }

            total += expected;
        }

        return (double)hits / total;
    }
}
