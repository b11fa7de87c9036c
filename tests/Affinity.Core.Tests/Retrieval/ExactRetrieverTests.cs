using Affinity.Core.Retrieval;

namespace Affinity.Core.Tests.Retrieval;

public sealed class ExactRetrieverTests
{
    // Three items of 2 dimensions: (1, 0), (0, 2), (3, 1).
    private static readonly float[] Items = [1, 0, 0, 2, 3, 1];

    [Fact]
    public void Inner_product_ranks_by_dot_product_best_first()
    {
        var retriever = new ExactRetriever(Items, 2);
        var ids = new int[3];
        var scores = new float[3];

        // Query (1, 2): 1·1 + 2·0 = 1, 1·0 + 2·2 = 4, 1·3 + 2·1 = 5.
        Assert.Equal(3, retriever.Search([1, 2], ids, scores));
        Assert.Equal([2, 1, 0], ids);
        Assert.Equal([5f, 4f, 1f], scores);
    }

    [Fact]
    public void Cosine_ranks_by_angle_not_length()
    {
        var retriever = new ExactRetriever(Items, 2, RetrievalMetric.Cosine);
        var ids = new int[3];
        var scores = new float[3];

        // Query (0, 1): cosines 0, 2/2 = 1, 1/sqrt(10) = 0.3162.
        retriever.Search([0, 5], ids, scores);
        Assert.Equal([1, 2, 0], ids);
        Assert.Equal(1f, scores[0], 1e-6f);
        Assert.Equal(0.31623f, scores[1], 1e-5f);
        Assert.Equal(0f, scores[2], 1e-6f);
    }

    [Fact]
    public void Ties_go_to_the_smaller_id_and_k_beyond_the_catalogue_returns_what_exists()
    {
        var retriever = new ExactRetriever([1, 1, 1, 1, 1, 1], 2);
        var ids = new int[5];
        var scores = new float[5];
        Assert.Equal(3, retriever.Search([1, 0], ids, scores));
        Assert.Equal([0, 1, 2], ids[..3]);
    }

    [Fact]
    public void Filters_are_honoured()
    {
        var retriever = new ExactRetriever(Items, 2);
        var ids = new int[3];
        var scores = new float[3];
        Assert.Equal(2, retriever.Search([1, 2], ids, scores, RetrievalFilter.Where(i => i != 2)));
        Assert.Equal([1, 0], ids[..2]);
        Assert.Equal(1, retriever.Search([1, 2], ids, scores, RetrievalFilter.AllowedSet(new HashSet<int> { 0 })));
        Assert.Equal(0, ids[0]);
        Assert.Equal(1, retriever.Search([1, 2], ids, scores, RetrievalFilter.Allowed([false, true, false])));
        Assert.Equal(1, ids[0]);
        Assert.Equal(2, retriever.Search([1, 2], ids, scores, RetrievalFilter.Excluded([false, true, false])));
        Assert.Equal([2, 0], ids[..2]);
    }

    [Fact]
    public void Misuse_throws()
    {
        Assert.Throws<ArgumentException>(() => new ExactRetriever([1, 2, 3], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExactRetriever(Items, 0));
        var retriever = new ExactRetriever(Items, 2);
        Assert.Throws<ArgumentException>(() => retriever.Search([1, 2, 3], new int[1], new float[1]));
        Assert.Throws<ArgumentException>(() => retriever.Search([1, 2], new int[2], new float[1]));
        Assert.Throws<ArgumentException>(() => retriever.Search([1, 2], new int[1], new float[1], RetrievalFilter.Allowed([true])));
    }
}
