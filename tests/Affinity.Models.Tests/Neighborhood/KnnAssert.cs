using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Models.Neighborhood;

namespace Affinity.Models.Tests.Neighborhood;

/// <summary>Helpers that fit neighbourhood models and read their similarity rows.</summary>
public static class KnnAssert
{
    /// <summary>The similarity matrix of an item-kNN fitted on <paramref name="data"/>.</summary>
    public static SimilarityMatrix ItemSimilarities(Dataset data, ItemKnnOptions options, FitContext? context = null)
    {
        var model = new ItemKnn(options);
        model.Fit(data, context ?? FitContext.Default);
        return model.Similarities;
    }

    /// <summary>The similarity matrix of a user-kNN fitted on <paramref name="data"/>.</summary>
    public static SimilarityMatrix UserSimilarities(Dataset data, UserKnnOptions options, FitContext? context = null)
    {
        var model = new UserKnn(options);
        model.Fit(data, context ?? FitContext.Default);
        return model.Similarities;
    }

    /// <summary>Asserts that a row holds exactly these neighbours, in this order, with these similarities (within 1e-6).</summary>
    public static void Row(SimilarityMatrix matrix, int row, params (int Neighbor, double Similarity)[] expected)
    {
        Assert.Equal(expected.Select(e => e.Neighbor), matrix.Neighbors(row).ToArray());
        var actual = matrix.Similarities(row);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k].Similarity, actual[k], 1e-6);
        }
    }
}
