using Affinity.Core.Data;
using Affinity.Core.Engine;
using Affinity.Core.Recommending;
using static Affinity.Core.Tests.Engine.EngineFixture;

namespace Affinity.Core.Tests.Engine;

public sealed class SimilarAndPopularTests
{
    [Fact]
    public void Similar_items_come_from_the_model_and_obey_filters()
    {
        var (_, engine) = NewEngine();

        Assert.Equal("i2 i4", Ids(engine.Similar("i3", 5)));
        Assert.Equal("i4", Ids(engine.Similar("i3", 5, [ItemFilter.Parse("genres=Comedy")])));
        Assert.Empty(engine.Similar("unknown", 5));
        Assert.Empty(engine.Similar("i3", 0));
    }

    [Fact]
    public void Similar_items_without_the_ability_use_feature_similarity()
    {
        var data = TrainingData();
        var model = new PlainModel(new LineModel());
        model.Fit(data, FitContext.Default);
        var engine = new RecommendationEngine(new ServingSnapshot(model, data, Sequence));

        var similar = engine.Similar("i4", 3);

        // i4 is a Comedy of brand C: its nearest by features share one of those, never itself.
        Assert.Equal(3, similar.Count);
        Assert.DoesNotContain(similar, i => i.ItemId == "i4");
        Assert.True(similar[0].Score >= similar[1].Score && similar[1].Score >= similar[2].Score);
        Assert.Contains(similar[0].ItemId, new[] { "i0", "i1", "i5", "i6" });
    }

    [Fact]
    public void Popular_items_are_ranked_by_training_interactions_and_filtered()
    {
        var (_, engine) = NewEngine();

        Assert.Equal("i0 i1 i2", Ids(engine.Popular(3)));
        Assert.Equal(3f, engine.Popular(1)[0].Score);
        // B or C since 2000: i2, i3, i4 with one interaction each, i5 with none.
        Assert.Equal("i2 i3 i4", Ids(engine.Popular(3, [ItemFilter.Parse("brand=B|C"), new RangeFilter("year", 2000, double.PositiveInfinity)])));
    }

    [Fact]
    public void The_count_is_honoured_when_filters_remove_most_of_the_models_list()
    {
        // 100 items; only the last ten are "rare", and the model ranks them last, so the engine must
        // ask the model for more than the first over-fetch.
        var b = new DatasetBuilder("deep", FeedbackKind.Implicit);
        for (var i = 0; i < 100; i++)
        {
            var id = FormattableString.Invariant($"d{i}");
            b.AddItem(id);
            b.ItemAttributes.AddTag(id, "kind", i >= 90 ? "rare" : "common");
        }

        b.Add("u", "d0", 1f);
        var data = b.Build();
        var model = new LineModel();
        model.Fit(data, FitContext.Default);
        var engine = new RecommendationEngine(new ServingSnapshot(model, data, 0));

        var result = engine.Recommend(new EngineRequest("u", 5) { Filters = [ItemFilter.Parse("kind=rare")] });

        Assert.Equal(ServingRoute.Model, result.Route);
        Assert.Equal("d90 d91 d92 d93 d94", Ids(result));
        // Fetches of 15, 30, 60 and 100 items.
        Assert.Equal(4, model.RecommendCalls);
    }
}
