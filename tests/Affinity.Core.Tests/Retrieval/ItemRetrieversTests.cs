using Affinity.Core.Retrieval;

namespace Affinity.Core.Tests.Retrieval;

public sealed class ItemRetrieversTests
{
    [Fact]
    public void Small_catalogues_are_scored_exactly_and_large_ones_get_an_index()
    {
        var items = RetrievalData.Normal(50, 4, seed: 41);
        Assert.IsType<ExactRetriever>(ItemRetrievers.Create(items, 4));
        Assert.IsType<ExactRetriever>(ItemRetrievers.Create(items, 4, exactLimit: 50));
        var index = Assert.IsType<HnswIndex>(ItemRetrievers.Create(items, 4, new HnswOptions { Metric = RetrievalMetric.Cosine }, exactLimit: 49));
        Assert.Equal(RetrievalMetric.Cosine, index.Metric);
        Assert.Throws<ArgumentOutOfRangeException>(() => ItemRetrievers.Create(items, 4, exactLimit: -1));
    }

    [Fact]
    public void Both_retrievers_agree_through_the_interface()
    {
        var items = RetrievalData.Normal(60, 4, seed: 42);
        IItemRetriever[] retrievers = [ItemRetrievers.Create(items, 4), ItemRetrievers.Create(items, 4, exactLimit: 0)];
        var query = RetrievalData.Normal(1, 4, seed: 43);
        var results = new List<int[]>();
        foreach (var retriever in retrievers)
        {
            Assert.Equal((60, 4, RetrievalMetric.InnerProduct), (retriever.Count, retriever.Dimensions, retriever.Metric));
            var ids = new int[5];
            Assert.Equal(5, retriever.Search(query, ids, new float[5]));
            results.Add(ids);
        }

        Assert.Equal(results[0], results[1]);
    }
}
