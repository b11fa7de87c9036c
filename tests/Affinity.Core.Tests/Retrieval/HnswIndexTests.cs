using Affinity.Core.Retrieval;

namespace Affinity.Core.Tests.Retrieval;

public sealed class HnswIndexTests
{
    private const int Dimensions = 24;

    [Theory]
    [InlineData(RetrievalMetric.InnerProduct)]
    [InlineData(RetrievalMetric.Cosine)]
    public void Recall_at_10_against_exact_search_is_at_least_095_at_the_defaults(RetrievalMetric metric)
    {
        // 2,000 random normal items of 24 dimensions, 200 random normal queries, all seeded.
        // Measured: 0.9805 for inner product through the MIPS reduction and 1.0000 for cosine; the
        // default direct inner-product graph passes as well.
        // A graph without links finds about k / 2,000 of the top-k, and ef 1 (raised to k) 0.595.
        var items = Shared.Items;
        var queries = RetrievalData.Normal(200, Dimensions, seed: 2);
        var index = metric == RetrievalMetric.InnerProduct ? Shared.Index.Value : HnswIndex.Build(items, Dimensions, new HnswOptions { Metric = metric });

        var recall = RetrievalData.RecallAt(10, index, items, queries);

        Assert.True(recall >= 0.95, $"{metric} recall@10 {recall:F4}");
    }

    [Fact]
    public void A_larger_ef_finds_at_least_as_much_and_ef_1_finds_less()
    {
        var items = Shared.Items;
        var queries = RetrievalData.Normal(100, Dimensions, seed: 2);
        var index = Shared.Index.Value;

        var low = RetrievalData.RecallAt(10, index, items, queries, (r, q, ids, s) => ((HnswIndex)r).Search(q, ids, s, efSearch: 1));
        var high = RetrievalData.RecallAt(10, index, items, queries, (r, q, ids, s) => ((HnswIndex)r).Search(q, ids, s, efSearch: 400));

        // ef is raised to k = 10, so ef 1 still keeps ten candidates. Measured: 0.5950 and 0.9990.
        Assert.True(low < high - 0.05, $"ef 1: {low:F4}, ef 400: {high:F4}");
        Assert.True(high >= 0.99, $"ef 1: {low:F4}, ef 400: {high:F4}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(40)]
    public void Tiny_sets_give_the_exact_results(int count)
    {
        // With ef (100) above the item count the search sees every node of the connected graph. The
        // direct inner-product graph need not be connected (a short row may keep no in-link), so
        // it is left out here; the recall tests cover it.
        foreach (var metric in new[] { RetrievalMetric.InnerProduct, RetrievalMetric.Cosine })
        {
            var items = RetrievalData.Normal(count, 3, seed: count);
            var index = HnswIndex.Build(items, 3, new HnswOptions { Metric = metric, M = 2, InnerProductGraph = InnerProductGraph.Reduced });
            var exact = new ExactRetriever(items, 3, metric);
            var queries = RetrievalData.Normal(20, 3, seed: 99);
            for (var q = 0; q < 20; q++)
            {
                var query = queries.AsSpan(q * 3, 3);
                var (ids, scores) = (new int[count + 2], new float[count + 2]);
                var (expectedIds, expectedScores) = (new int[count + 2], new float[count + 2]);
                Assert.Equal(count, index.Search(query, ids, scores));
                Assert.Equal(count, exact.Search(query, expectedIds, expectedScores));
                Assert.Equal(expectedIds, ids);
                for (var i = 0; i < count; i++)
                {
                    Assert.Equal(expectedScores[i], scores[i], 1e-5f);
                }
            }
        }
    }

    [Fact]
    public void Inner_product_top_1_is_the_exact_maximum_even_when_cosine_disagrees()
    {
        // Items along the x axis of lengths 1..5 and one unit item at 30 degrees. For the query
        // (1, 0.2): dot products 1..5 for the axis items and cos 30° + 0.2 sin 30° = 0.966 for the
        // unit item, so the longest axis item (id 4) wins under inner product. A plain nearest-
        // neighbour graph on the raw vectors would prefer the items closest to the query instead.
        float[] items = [1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 0.866f, 0.5f];
        var index = HnswIndex.Build(items, 2, new HnswOptions { M = 2 });
        var ids = new int[1];
        var scores = new float[1];
        index.Search([1, 0.2f], ids, scores);
        Assert.Equal(4, ids[0]);
        Assert.Equal(5f, scores[0], 1e-6f);

        // Query (0, 1): dot products 0 for the axis items and 0.5 for the unit item.
        index.Search([0, 1], ids, scores);
        Assert.Equal(5, ids[0]);
    }

    [Fact]
    public void Inner_product_top_1_matches_exact_search_on_items_of_very_different_lengths()
    {
        // 300 items whose lengths spread over two orders of magnitude, as factor models' items do.
        var items = RetrievalData.Normal(300, 8, seed: 5);
        var random = new Random(6);
        for (var i = 0; i < 300; i++)
        {
            var scale = (float)Math.Exp(random.NextDouble() * 4.6);
            for (var j = i * 8; j < (i + 1) * 8; j++)
            {
                items[j] *= scale;
            }
        }

        var index = HnswIndex.Build(items, 8, new HnswOptions { EfSearch = 300 });
        var exact = new ExactRetriever(items, 8);
        var queries = RetrievalData.Normal(100, 8, seed: 7);
        var (got, want) = (new int[1], new int[1]);
        var scores = new float[1];
        for (var q = 0; q < 100; q++)
        {
            index.Search(queries.AsSpan(q * 8, 8), got, scores);
            exact.Search(queries.AsSpan(q * 8, 8), want, scores);
            Assert.Equal(want[0], got[0]);
        }
    }

    [Fact]
    public void The_reduction_gives_every_item_the_largest_norm_and_keeps_the_inner_product_order()
    {
        // Rows (3, 4) and (1, 0): norms 5 and 1, Φ = 5; augmented (3, 4, 0) and (1, 0, sqrt(24)).
        float[] items = [3, 4, 1, 0];
        var augmented = RetrievalVectors.Augmented(items, 2);
        Assert.Equal([3f, 4f, 0f, 1f, 0f, MathF.Sqrt(24)], augmented);

        // Query (2, 1) as (2, 1, 0): ‖q' − y'‖² = ‖q‖² + Φ² − 2 q·y = 5 + 25 − 2·10 = 10 for the
        // first row (q·y = 10) and 5 + 25 − 2·2 = 26 for the second (q·y = 2).
        float[] q = [2, 1, 0];
        Assert.Equal(10f, SquaredDistance(q, augmented.AsSpan(0, 3)), 1e-4f);
        Assert.Equal(26f, SquaredDistance(q, augmented.AsSpan(3, 3)), 1e-4f);
    }

    [Fact]
    public void Filters_restrict_the_results_and_match_exact_filtered_search_on_a_small_set()
    {
        var items = RetrievalData.Normal(80, 4, seed: 3);
        var index = HnswIndex.Build(items, 4, new HnswOptions { M = 4 });
        var exact = new ExactRetriever(items, 4);
        var query = RetrievalData.Normal(1, 4, seed: 4);
        var flags = new bool[80];
        for (var i = 0; i < flags.Length; i += 3)
        {
            flags[i] = true;
        }

        var set = new HashSet<int> { 5, 17, 33, 60, 79 };
        AssertSame(RetrievalFilter.Where(i => i % 2 == 0), RetrievalFilter.Where(i => i % 2 == 0));
        AssertSame(RetrievalFilter.AllowedSet(set), RetrievalFilter.AllowedSet(set));
        AssertSame(RetrievalFilter.Allowed(flags), RetrievalFilter.Allowed(flags));
        AssertSame(RetrievalFilter.Excluded(flags), RetrievalFilter.Excluded(flags));

        void AssertSame(RetrievalFilter filter, RetrievalFilter sameFilter)
        {
            var (ids, scores, want) = (new int[10], new float[10], new int[10]);
            var found = index.Search(query, ids, scores, filter);
            Assert.Equal(exact.Search(query, want, scores, sameFilter), found);
            Assert.Equal(want[..found], ids[..found]);
            for (var i = 0; i < found; i++)
            {
                Assert.True(sameFilter.Allows(ids[i]));
            }
        }
    }

    [Fact]
    public void A_filter_on_a_larger_set_returns_only_allowed_items_with_good_recall()
    {
        // One item in ten allowed; ef counts allowed results, so the walk goes wider. Measured: 500 of 500.
        var items = Shared.Items;
        var queries = RetrievalData.Normal(50, Dimensions, seed: 2);
        var index = Shared.Index.Value;
        var exact = new ExactRetriever(items, Dimensions);
        var (ids, want, scores) = (new int[10], new int[10], new float[10]);
        var hits = 0;
        for (var q = 0; q < 50; q++)
        {
            var query = queries.AsSpan(q * Dimensions, Dimensions);
            Assert.Equal(10, index.Search(query, ids, scores, RetrievalFilter.Where(i => i % 10 == 3)));
            Assert.All(ids, id => Assert.Equal(3, id % 10));
            exact.Search(query, want, scores, RetrievalFilter.Where(i => i % 10 == 3));
            hits += ids.Count(want.Contains);
        }

        Assert.True(hits >= 0.95 * 500, $"{hits} of 500");
    }

    [Fact]
    public void The_same_seed_builds_the_same_graph_and_another_seed_a_different_one()
    {
        var items = RetrievalData.Normal(500, 8, seed: 11);
        var a = Bytes(HnswIndex.Build(items, 8, new HnswOptions { Seed = 3 }));
        var b = Bytes(HnswIndex.Build(items, 8, new HnswOptions { Seed = 3 }));
        var c = Bytes(HnswIndex.Build(items, 8, new HnswOptions { Seed = 4 }));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void A_multi_threaded_build_is_as_good()
    {
        // Insertion order varies with thread timing; measured about 0.98, as on one thread.
        var items = Shared.Items;
        var queries = RetrievalData.Normal(100, Dimensions, seed: 2);
        var index = HnswIndex.Build(items, Dimensions, maxDegreeOfParallelism: 4);
        var recall = RetrievalData.RecallAt(10, index, items, queries);
        Assert.True(recall >= 0.95, $"recall@10 {recall:F4}");
    }

    [Fact]
    public void Searches_allocate_nothing_once_the_pooled_scratch_exists()
    {
        var index = Shared.Index.Value;
        var exact = new ExactRetriever(Shared.Items, Dimensions);
        var queries = RetrievalData.Normal(20, Dimensions, seed: 8);
        var (ids, scores) = (new int[10], new float[10]);
        var flags = new bool[Shared.Items.Length / Dimensions];
        flags[3] = true;
        Func<int, bool> even = i => i % 2 == 0;
        index.Search(queries.AsSpan(0, Dimensions), ids, scores, efSearch: 200);
        exact.Search(queries.AsSpan(0, Dimensions), ids, scores);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var q = 0; q < 20; q++)
        {
            var query = queries.AsSpan(q * Dimensions, Dimensions);
            index.Search(query, ids, scores);
            index.Search(query, ids, scores, RetrievalFilter.Excluded(flags));
            index.Search(query, ids, scores, RetrievalFilter.Where(even));
            exact.Search(query, ids, scores, RetrievalFilter.Excluded(flags));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Edge_cases_and_misuse()
    {
        var empty = HnswIndex.Build([], 4);
        Assert.Equal(0, empty.Count);
        Assert.Equal(-1, empty.MaxLevel);
        Assert.Equal(0, empty.Search([1, 2, 3, 4], new int[3], new float[3]));

        var index = HnswIndex.Build([1, 0, 0, 1], 2);
        Assert.Equal(0, index.Search([1, 0], [], []));
        Assert.Throws<ArgumentException>(() => HnswIndex.Build([1, 2, 3], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => HnswIndex.Build([1, 2], 2, maxDegreeOfParallelism: 0));
        Assert.Throws<ArgumentException>(() => index.Search([1, 0, 0], new int[1], new float[1]));
        Assert.Throws<ArgumentException>(() => index.Search([1, 0], new int[2], new float[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search([1, 0], new int[1], new float[1], efSearch: 0));
        Assert.Throws<ArgumentException>(() => index.Search([1, 0], new int[1], new float[1], RetrievalFilter.Allowed([true])));
        Assert.Throws<OperationCanceledException>(() => HnswIndex.Build(new float[600], 2, cancellationToken: new CancellationToken(true)));
    }

    /// <summary>One index of 2,000 random normal items at the defaults, built once for the tests that only search it.</summary>
    private static class Shared
    {
        public static float[] Items { get; } = RetrievalData.Normal(2000, Dimensions, seed: 1);

        public static Lazy<HnswIndex> Index { get; } = new(() => HnswIndex.Build(Items, Dimensions));
    }

    private static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }

        return sum;
    }

    private static byte[] Bytes(HnswIndex index)
    {
        using var stream = new MemoryStream();
        index.Save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void The_direct_inner_product_graph_beats_the_reduction_when_norms_are_long_tailed()
    {
        // Rows scaled by exp(N(0, 0.5²)) norms, as trained factors of popular items are longer: the
        // reduction's extra coordinate sqrt(Φ² − ‖y‖²) then dwarfs most rows and blurs their direction.
        var items = RetrievalData.Normal(2_000, 16, seed: 41);
        var spread = RetrievalData.Normal(2_000, 1, seed: 42);
        for (var r = 0; r < 2_000; r++)
        {
            var scale = MathF.Exp(0.5f * spread[r]);
            for (var d = 0; d < 16; d++)
            {
                items[(r * 16) + d] *= scale;
            }
        }

        var queries = RetrievalData.Normal(100, 16, seed: 43);
        var options = new HnswOptions { M = 8, EfConstruction = 64, EfSearch = 20 };
        var direct = RetrievalData.RecallAt(10, HnswIndex.Build(items, 16, options), items, queries);
        var reduced = RetrievalData.RecallAt(10, HnswIndex.Build(items, 16, options with { InnerProductGraph = InnerProductGraph.Reduced }), items, queries);
        Assert.True(direct > reduced + 0.05, $"direct {direct:F4}, reduced {reduced:F4}");
    }
}
