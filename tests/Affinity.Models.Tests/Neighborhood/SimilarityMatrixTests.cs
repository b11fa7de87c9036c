using Affinity.Core.Data;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;
using Affinity.Models.Neighborhood;

namespace Affinity.Models.Tests.Neighborhood;

public sealed class SimilarityMatrixTests
{
    public static TheoryData<KnnSimilarity, KnnMode> Measures() => new()
    {
        { KnnSimilarity.Cosine, KnnMode.Rating },
        { KnnSimilarity.Pearson, KnnMode.Rating },
        { KnnSimilarity.AdjustedCosine, KnnMode.Rating },
        { KnnSimilarity.Msd, KnnMode.Rating },
        { KnnSimilarity.Cosine, KnnMode.Ranking },
        { KnnSimilarity.Jaccard, KnnMode.Ranking },
        { KnnSimilarity.TfIdf, KnnMode.Ranking },
        { KnnSimilarity.Bm25, KnnMode.Ranking },
    };

    [Theory]
    [MemberData(nameof(Measures))]
    public void Each_row_keeps_exactly_the_k_best_of_all_similarities(KnnSimilarity similarity, KnnMode mode)
    {
        // With k above the catalogue a row holds every positive similarity; with k = 3 it must hold the
        // first three of that full list (sorted by similarity, ties to the smaller index), no more, no fewer.
        var data = KnnTestData.Random(40, 25, 0.3, seed: 3);
        var full = Fit(data, similarity, mode, neighbors: 100);
        var top = Fit(data, similarity, mode, neighbors: 3);

        Assert.Equal(25, full.RowCount);
        for (var row = 0; row < full.RowCount; row++)
        {
            var all = full.Neighbors(row).ToArray();
            var sims = full.Similarities(row).ToArray();
            Assert.DoesNotContain(row, all);
            for (var k = 1; k < sims.Length; k++)
            {
                Assert.True(sims[k] < sims[k - 1] || (sims[k] == sims[k - 1] && all[k] > all[k - 1]), $"row {row} unsorted at {k}");
            }

            Assert.Equal(all.Take(3), top.Neighbors(row).ToArray());
            Assert.Equal(sims.Take(3), top.Similarities(row).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Measures))]
    public void A_multi_threaded_build_equals_a_single_threaded_one(KnnSimilarity similarity, KnnMode mode)
    {
        // 300 rows make several parallel blocks; the matrices must be equal bit for bit.
        var data = KnnTestData.Random(60, 300, 0.08, seed: 5);
        var single = Fit(data, similarity, mode, neighbors: 20, FitContext.Default with { MaxDegreeOfParallelism = 1 });
        var multi = Fit(data, similarity, mode, neighbors: 20, FitContext.Default with { MaxDegreeOfParallelism = 4 });

        Assert.True(single.EntryCount > 300);
        Assert.Equal(single.RowPointers.ToArray(), multi.RowPointers.ToArray());
        for (var row = 0; row < single.RowCount; row++)
        {
            Assert.Equal(single.Neighbors(row).ToArray(), multi.Neighbors(row).ToArray());
            Assert.Equal(single.Similarities(row).ToArray(), multi.Similarities(row).ToArray());
        }
    }

    [Fact]
    public void Rows_never_hold_more_than_the_other_rows()
    {
        // Three items: k = 40 keeps at most the two others.
        var s = KnnAssert.ItemSimilarities(KnnTestData.ThreeItems(), new ItemKnnOptions { Mode = KnnMode.Rating, Similarity = KnnSimilarity.Msd, BaselineResiduals = false });

        Assert.Equal(6, s.EntryCount);
        Assert.Equal([0, 2, 4, 6], s.RowPointers.ToArray());
    }

    [Fact]
    public void Similarity_reads_a_kept_pair_and_zero_otherwise()
    {
        var s = SimilarityMatrix.FromParts(3, [0, 2, 3, 3], [2, 1, 0], [0.9f, 0.4f, 0.5f]);

        Assert.Equal(0.4f, s.Similarity(0, 1));
        Assert.Equal(0.5f, s.Similarity(1, 0));
        Assert.Equal(0f, s.Similarity(1, 2));
        Assert.Equal(0f, s.Similarity(2, 0));
    }

    [Fact]
    public void From_parts_refuses_inconsistent_arrays()
    {
        // Pointers that do not fit, a row listing itself, a repeat, a neighbour out of range,
        // a similarity that is not above zero, and a row out of order.
        Assert.Throws<ArgumentException>(() => SimilarityMatrix.FromParts(2, [0, 1], [1], [0.5f]));
        Assert.Throws<ArgumentException>(() => SimilarityMatrix.FromParts(2, [0, 1, 1], [0], [0.5f]));
        Assert.Throws<ArgumentException>(() => SimilarityMatrix.FromParts(3, [0, 2, 2, 2], [1, 1], [0.5f, 0.4f]));
        Assert.Throws<ArgumentException>(() => SimilarityMatrix.FromParts(2, [0, 1, 1], [5], [0.5f]));
        Assert.Throws<ArgumentException>(() => SimilarityMatrix.FromParts(2, [0, 1, 1], [1], [0f]));
        Assert.Throws<ArgumentException>(() => SimilarityMatrix.FromParts(2, [0, 1, 1], [1], [float.NaN]));
        Assert.Throws<ArgumentException>(() => SimilarityMatrix.FromParts(3, [0, 2, 2, 2], [1, 2], [0.4f, 0.5f]));
        Assert.Throws<ArgumentException>(() => SimilarityMatrix.FromParts(3, [0, 2, 2, 2], [2, 1], [0.5f, 0.5f]));
    }

    [Fact]
    public void Save_and_load_round_trip_through_a_model_file()
    {
        var s = KnnAssert.ItemSimilarities(KnnTestData.Random(30, 20, 0.3, seed: 1), new ItemKnnOptions { Mode = KnnMode.Ranking, Neighbors = 5 });
        using var file = new MemoryStream();
        ModelFile.Write(file, "test", "{}", w => s.Save(w, "sim"));
        file.Position = 0;

        var loaded = SimilarityMatrix.Load(ModelFile.Read(file, "test.model"), "sim", 20);

        Assert.Equal(s.RowPointers.ToArray(), loaded.RowPointers.ToArray());
        for (var row = 0; row < s.RowCount; row++)
        {
            Assert.Equal(s.Neighbors(row).ToArray(), loaded.Neighbors(row).ToArray());
            Assert.Equal(s.Similarities(row).ToArray(), loaded.Similarities(row).ToArray());
        }
    }

    [Fact]
    public void Loading_with_the_wrong_row_count_or_bad_content_is_invalid_data()
    {
        using var good = new MemoryStream();
        ModelFile.Write(good, "test", "{}", w => SimilarityMatrix.FromParts(2, [0, 1, 1], [1], [0.5f]).Save(w, "sim"));
        good.Position = 0;
        Assert.Throws<InvalidDataException>(() => SimilarityMatrix.Load(ModelFile.Read(good, "good.model"), "sim", 3));

        using var bad = new MemoryStream();
        ModelFile.Write(bad, "test", "{}", w =>
        {
            w.Write("sim.rowPointers", [0, 1, 1]);
            w.Write("sim.neighbors", [0]);
            w.Write("sim.similarities", [0.5f]);
        });
        bad.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => SimilarityMatrix.Load(ModelFile.Read(bad, "bad.model"), "sim", 2));
        Assert.Contains("bad.model", error.Message, StringComparison.Ordinal);
    }

    private static SimilarityMatrix Fit(Dataset data, KnnSimilarity similarity, KnnMode mode, int neighbors, FitContext? context = null)
    {
        // Rating mode keeps StoredNeighbors per row, ranking mode Neighbors: set both.
        var options = new ItemKnnOptions { Mode = mode, Similarity = similarity, Neighbors = neighbors, StoredNeighbors = neighbors, Shrinkage = 10 };
        return KnnAssert.ItemSimilarities(data, options, context);
    }
}
