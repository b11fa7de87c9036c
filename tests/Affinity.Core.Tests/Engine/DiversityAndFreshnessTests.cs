using Affinity.Core.Data;
using Affinity.Core.Engine;
using Affinity.Core.Features;
using static Affinity.Core.Tests.Engine.EngineFixture;

namespace Affinity.Core.Tests.Engine;

public sealed class DiversityAndFreshnessTests
{
    [Fact]
    public void Diversity_with_lambda_one_is_the_plain_ranking()
    {
        var (_, engine) = NewEngine(similarity: new SameBrand());

        var plain = engine.Recommend(new EngineRequest("u0", 4));
        var lambdaOne = engine.Recommend(new EngineRequest("u0", 4) { Diversity = 1 });

        Assert.Equal(Ids(plain), Ids(lambdaOne));
        Assert.All(lambdaOne.Items, i => Assert.Equal(AppliedRules.None, i.Rules));
    }

    [Fact]
    public void Diversity_with_lambda_zero_picks_each_next_item_unlike_the_ones_above()
    {
        var (_, engine) = NewEngine(similarity: new SameBrand());

        var result = engine.Recommend(new EngineRequest("u0", 3) { Diversity = 0 });

        // Pool i2 (B), i3 (B), i4 (C), i5 (C), i6 (A), i7 (B). First the most relevant, i2; then the
        // first with no brand in common (i4, C); then i6 (A), the only brand left unrepeated.
        Assert.Equal("i2 i4 i6", Ids(result));
        Assert.Equal(AppliedRules.None, result.Items[0].Rules);
        Assert.Equal(AppliedRules.Diversified, result.Items[1].Rules);
        Assert.Equal(AppliedRules.Diversified, result.Items[2].Rules);
    }

    [Fact]
    public void Diversity_in_between_trades_relevance_against_similarity()
    {
        var (_, engine) = NewEngine(similarity: new SameBrand());

        var result = engine.Recommend(new EngineRequest("u0", 2) { Diversity = 0.5 });

        // Relevance min-max scaled over the pool (1.06 .. 0.01): i3 = 0.04/1.05 = 0.038, i4 = 0.03/1.05 = 0.029.
        // After i2 (B): i3 scores 0.5·0.038 − 0.5·1 < 0, i4 scores 0.5·0.029 − 0 > 0, so i4 comes second.
        Assert.Equal("i2 i4", Ids(result));
    }

    [Fact]
    public void Diversity_by_default_uses_the_models_similar_items()
    {
        var (_, engine) = NewEngine();

        var result = engine.Recommend(new EngineRequest("u0", 3) { Diversity = 0 });

        // The line model's neighbours are i±1: after i2, i3 is its neighbour, so i4 comes next; after i4, i5 is, so i6.
        Assert.Equal("i2 i4 i6", Ids(result));
        Assert.IsType<NeighborSimilarity>(engine.Snapshot.Similarity);
    }

    [Fact]
    public void Freshness_decay_halves_a_score_every_half_life()
    {
        var published = new Dictionary<string, long> { ["i2"] = Now - (10 * 86_400), ["i3"] = Now, ["i4"] = Now - 86_400 };
        var (_, engine) = NewEngine(d => new ItemCatalog(d.Items, d.ItemAttributes, published: published));

        var result = engine.Recommend(new EngineRequest("u0", 6) { FreshnessHalfLife = TimeSpan.FromDays(1), Now = Now });

        // i2 = 1.06 · 2^-10 = 0.00103516 falls below every undecayed item; i4 = 0.04 · 2^-1 = 0.02 ties i6
        // (0.02, no date) and wins on the lower index; i3 is brand new, not decayed.
        Assert.Equal("i3 i5 i4 i6 i7 i2", Ids(result));
        Assert.Equal(0.00103516f, result.Items[5].Score, 7);
        Assert.Equal(AppliedRules.Decayed, result.Items[5].Rules);
        Assert.Equal(AppliedRules.None, result.Items[0].Rules);
    }

    [Fact]
    public void Freshness_reads_the_engines_clock_when_the_request_gives_no_time()
    {
        var data = TrainingData();
        var (_, snapshot) = NewSnapshot(data, catalog: d => new ItemCatalog(d.Items, d.ItemAttributes, published: new Dictionary<string, long> { ["i2"] = Now - (10 * 86_400) }));
        var engine = new RecommendationEngine(snapshot, new FixedClock(DateTimeOffset.FromUnixTimeSeconds(Now)));

        var result = engine.Recommend(new EngineRequest("u0", 1) { FreshnessHalfLife = TimeSpan.FromDays(1) });

        Assert.Equal("i3", Ids(result));
    }

    [Fact]
    public void Feature_cosine_is_the_cosine_of_the_feature_rows()
    {
        // Rows (1, 1, 0), (1, 0, 1), (0, 0, 0): cos = 1 / (√2 · √2) = 0.5; an empty row is unrelated.
        var matrix = CsrMatrix.FromCoordinates(3, 3, [0, 0, 1, 1], [0, 1, 0, 2], [1f, 1f, 1f, 1f]);
        var similarity = new FeatureCosineSimilarity(new FeatureMatrix(matrix, IdMap.FromIds(["a", "b", "c"])));

        Assert.Equal(0.5f, similarity.Similarity(0, 1), 6);
        Assert.Equal(1f, similarity.Similarity(0, 0), 6);
        Assert.Equal(0f, similarity.Similarity(0, 2));
    }

    [Fact]
    public void A_model_without_similar_items_diversifies_by_item_features()
    {
        var data = TrainingData();
        var model = new PlainModel(new LineModel());
        model.Fit(data, Affinity.Core.Recommending.FitContext.Default);
        var engine = new RecommendationEngine(new ServingSnapshot(model, data, Sequence));

        var result = engine.Recommend(new EngineRequest("u0", 2) { Diversity = 0 });

        Assert.IsType<FeatureCosineSimilarity>(engine.Snapshot.Similarity);
        // After i2 (Drama, 2000, B) the least similar by features is not i3 (brand B as well).
        Assert.Equal("i2", result.Items[0].ItemId);
        Assert.NotEqual("i3", result.Items[1].ItemId);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
