using System.Text.Json;
using Affinity.Core.Persistence;
using Affinity.Core.Retrieval;

namespace Affinity.Core.Tests.Retrieval;

public sealed class HnswOptionsTests
{
    [Fact]
    public void Defaults_are_hnswlib_s_construction_settings()
    {
        var options = new HnswOptions();
        Assert.Equal((RetrievalMetric.InnerProduct, 16, 200, 100, 42), (options.Metric, options.M, options.EfConstruction, options.EfSearch, options.Seed));
        Assert.Equal(InnerProductGraph.Direct, options.InnerProductGraph);
    }

    [Fact]
    public void Out_of_range_values_are_refused_when_set()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HnswOptions { M = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new HnswOptions { M = HnswOptions.MaxM + 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new HnswOptions { EfConstruction = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new HnswOptions { EfSearch = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new HnswOptions { Metric = (RetrievalMetric)7 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new HnswOptions { InnerProductGraph = (InnerProductGraph)2 });
        Assert.Equal(2, new HnswOptions { M = 2 }.M);
        Assert.Equal(HnswOptions.MaxM, new HnswOptions { M = HnswOptions.MaxM }.M);
    }

    [Fact]
    public void Json_round_trip_keeps_every_option_and_validates()
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var options = new HnswOptions { Metric = RetrievalMetric.Cosine, InnerProductGraph = InnerProductGraph.Reduced, M = 8, EfConstruction = 64, EfSearch = 32, Seed = 5 };
        var json = JsonSerializer.Serialize(options, web);
        Assert.Contains("\"metric\":\"Cosine\"", json, StringComparison.Ordinal);
        Assert.Contains("\"innerProductGraph\":\"Reduced\"", json, StringComparison.Ordinal);
        Assert.Equal(options, JsonSerializer.Deserialize<HnswOptions>(json, web));
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonSerializer.Deserialize<HnswOptions>("{\"m\":0}", web));
    }

    [Fact]
    public void Every_option_changes_the_index()
    {
        var items = RetrievalData.Normal(300, 8, seed: 31);
        var query = RetrievalData.Normal(1, 8, seed: 32);
        var baseline = new HnswOptions { M = 4, EfConstruction = 8, EfSearch = 10 };
        var reference = Signature(baseline);

        Assert.NotEqual(reference, Signature(baseline with { Metric = RetrievalMetric.Cosine }));
        Assert.NotEqual(reference, Signature(baseline with { InnerProductGraph = InnerProductGraph.Reduced }));
        Assert.NotEqual(reference, Signature(baseline with { M = 6 }));
        Assert.NotEqual(reference, Signature(baseline with { EfConstruction = 30 }));
        Assert.NotEqual(reference, Signature(baseline with { Seed = 7 }));

        // EfSearch acts at search time: a wider search finds better items for the same graph.
        var index = HnswIndex.Build(items, 8, baseline);
        var (narrow, wide) = (new int[10], new int[10]);
        var scores = new float[10];
        index.Search(query, narrow, scores, efSearch: 10);
        var narrowBest = scores.Sum();
        index.Search(query, wide, scores, efSearch: 300);
        Assert.True(scores.Sum() >= narrowBest);
        Assert.Equal(
            SearchWith(HnswIndex.Build(items, 8, baseline with { EfSearch = 300 }), query),
            SearchWith(index, query, efSearch: 300));

        string Signature(HnswOptions options)
        {
            using var stream = new MemoryStream();
            HnswIndex.Build(items, 8, options).Save(stream);
            stream.Position = 0;

            // The graph's links only: the header, which repeats the options, would differ anyway.
            var reader = ModelFile.Read(stream, "signature");
            return string.Join(",", reader.ReadInt32s("hnsw.links0")) + ";" + string.Join(",", reader.ReadInt32s("hnsw.upper"));
        }
    }

    private static int[] SearchWith(HnswIndex index, float[] query, int? efSearch = null)
    {
        var ids = new int[10];
        var scores = new float[10];
        _ = efSearch is { } ef ? index.Search(query, ids, scores, ef) : index.Search(query, ids, scores);
        return ids;
    }
}
