using Affinity.Core.Persistence;
using Affinity.Core.Retrieval;

namespace Affinity.Core.Tests.Retrieval;

public sealed class HnswPersistenceTests
{
    [Theory]
    [InlineData(RetrievalMetric.InnerProduct, InnerProductGraph.Direct)]
    [InlineData(RetrievalMetric.InnerProduct, InnerProductGraph.Reduced)]
    [InlineData(RetrievalMetric.Cosine, InnerProductGraph.Direct)]
    public void A_saved_and_loaded_index_gives_the_same_results(RetrievalMetric metric, InnerProductGraph graph)
    {
        var items = RetrievalData.Normal(400, 6, seed: 21);
        var options = new HnswOptions { Metric = metric, InnerProductGraph = graph, M = 5, EfConstruction = 40, EfSearch = 12, Seed = 9 };
        var index = HnswIndex.Build(items, 6, options);
        using var stream = new MemoryStream();
        index.Save(stream);
        stream.Position = 0;

        var loaded = HnswIndex.Load(stream, "test.hnsw");

        Assert.Equal(options, loaded.Options);
        Assert.Equal((index.Count, index.Dimensions, index.MaxLevel), (loaded.Count, loaded.Dimensions, loaded.MaxLevel));
        var queries = RetrievalData.Normal(50, 6, seed: 22);
        var (a, b) = (new int[10], new int[10]);
        var (sa, sb) = (new float[10], new float[10]);
        for (var q = 0; q < 50; q++)
        {
            index.Search(queries.AsSpan(q * 6, 6), a, sa);
            loaded.Search(queries.AsSpan(q * 6, 6), b, sb);
            Assert.Equal(a, b);
            Assert.Equal(sa, sb);
        }
    }

    [Fact]
    public void An_index_sits_beside_a_model_s_sections_under_its_own_prefix()
    {
        var items = RetrievalData.Normal(100, 4, seed: 23);
        var index = HnswIndex.Build(items, 4);
        using var stream = new MemoryStream();
        ModelFile.Write(stream, "als", "{}", writer =>
        {
            writer.Write("items", items);
            index.Save(writer, "items.hnsw");
        });
        stream.Position = 0;

        var reader = ModelFile.Read(stream, "model.affm");
        var loaded = HnswIndex.Load(reader, "items.hnsw");

        Assert.Equal(items, reader.ReadSingles("items"));
        var (a, b) = (new int[5], new int[5]);
        var (sa, sb) = (new float[5], new float[5]);
        index.Search([1, 2, 3, 4], a, sa);
        loaded.Search([1, 2, 3, 4], b, sb);
        Assert.Equal(a, b);
    }

    [Fact]
    public void A_version_1_file_loads_as_the_reduced_graph_it_was_built_as()
    {
        var index = HnswIndex.Build(RetrievalData.Normal(60, 3, seed: 25), 3, new HnswOptions { M = 3, InnerProductGraph = InnerProductGraph.Reduced });
        using var original = new MemoryStream();
        index.Save(original);
        original.Position = 0;
        var reader = ModelFile.Read(original, "original");
        using var stream = new MemoryStream();
        ModelFile.Write(stream, HnswIndex.FileAlgorithm, "{}", writer =>
        {
            // Version 1 wrote the first ten header values, without the graph kind.
            var header = reader.ReadInt32s("hnsw.header");
            header[0] = 1;
            writer.Write("hnsw.header", header[..10]);
            foreach (var name in new[] { "hnsw.levels", "hnsw.links0", "hnsw.upper" })
            {
                writer.Write(name, reader.ReadInt32s(name));
            }

            writer.Write("hnsw.vectors", reader.ReadSingles("hnsw.vectors"));
        });
        stream.Position = 0;

        var loaded = HnswIndex.Load(stream, "v1.hnsw");

        Assert.Equal(index.Options, loaded.Options);
        var (a, b) = (new int[5], new int[5]);
        var scores = new float[5];
        index.Search([1, -2, 0.5f], a, scores);
        loaded.Search([1, -2, 0.5f], b, scores);
        Assert.Equal(a, b);
    }

    [Fact]
    public void An_empty_index_round_trips()
    {
        using var stream = new MemoryStream();
        HnswIndex.Build([], 3).Save(stream);
        stream.Position = 0;
        var loaded = HnswIndex.Load(stream, "empty.hnsw");
        Assert.Equal(0, loaded.Count);
        Assert.Equal(0, loaded.Search([1, 2, 3], new int[2], new float[2]));
    }

    [Fact]
    public void Damaged_or_foreign_files_fail_with_a_message_naming_the_section()
    {
        var index = HnswIndex.Build(RetrievalData.Normal(50, 3, seed: 24), 3, new HnswOptions { M = 3 });

        var link = Assert.Throws<InvalidDataException>(() => Rewrite(index, "hnsw.links0", values => values[1] = 50));
        Assert.Contains("hnsw.links0", link.Message, StringComparison.Ordinal);
        Assert.Contains("outside the 50 items", link.Message, StringComparison.Ordinal);

        var count = Assert.Throws<InvalidDataException>(() => Rewrite(index, "hnsw.links0", values => values[0] = 7));
        Assert.Contains("at most 6 fit", count.Message, StringComparison.Ordinal);

        var levels = Assert.Throws<InvalidDataException>(() => Rewrite(index, "hnsw.levels", values => values[0] = -1));
        Assert.Contains("hnsw.levels", levels.Message, StringComparison.Ordinal);

        var header = Assert.Throws<InvalidDataException>(() => Rewrite(index, "hnsw.header", values => values[2] = 1));
        Assert.Contains("hnsw.header", header.Message, StringComparison.Ordinal);

        using var other = new MemoryStream();
        ModelFile.Write(other, "popularity", "{}", _ => { });
        other.Position = 0;
        var foreign = Assert.Throws<InvalidDataException>(() => HnswIndex.Load(other, "pop.affm"));
        Assert.Contains("not an HNSW index", foreign.Message, StringComparison.Ordinal);
    }

    /// <summary>Saves the index with one int section changed, then loads it.</summary>
    private static HnswIndex Rewrite(HnswIndex index, string section, Action<int[]> change)
    {
        using var original = new MemoryStream();
        index.Save(original);
        original.Position = 0;
        var reader = ModelFile.Read(original, "original");
        using var stream = new MemoryStream();
        ModelFile.Write(stream, HnswIndex.FileAlgorithm, "{}", writer =>
        {
            foreach (var name in new[] { "hnsw.header", "hnsw.levels", "hnsw.links0", "hnsw.upper" })
            {
                var values = reader.ReadInt32s(name);
                if (name == section)
                {
                    change(values);
                }

                writer.Write(name, values);
            }

            writer.Write("hnsw.vectors", reader.ReadSingles("hnsw.vectors"));
        });
        stream.Position = 0;
        return HnswIndex.Load(stream, "damaged.hnsw");
    }
}
