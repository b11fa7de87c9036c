using Affinity.Core.Engine;
using Affinity.Core.Recommending;
using Affinity.Models.Factorization;
using Affinity.Models.Neighborhood;
using Affinity.Testing;

namespace Affinity.Models.Tests.Engine;

/// <summary>
/// The engine over real catalogue models on the checkerboard (two groups of five users and five
/// items, i0..i4 and i5..i9): live events fold in through each model's own <see cref="IFoldIn"/>.
/// </summary>
public sealed class EngineWithModelsTests
{
    public static TheoryData<string> Models => ["als", "item-knn"];

    [Theory]
    [MemberData(nameof(Models))]
    public void A_new_users_events_pull_their_group_to_the_top(string name)
    {
        var engine = Engine(name);

        engine.AddEvent("fresh", "i0", 1f, null, 0, 1);
        engine.AddEvent("fresh", "i1", 1f, null, 0, 2);
        var first = engine.Recommend(new EngineRequest("fresh", 3));
        foreach (var (item, k) in new[] { "i5", "i6", "i7", "i8" }.Select((item, k) => (item, k)))
        {
            engine.AddEvent("fresh", item, 1f, null, 0, 3 + k);
        }

        var second = engine.Recommend(new EngineRequest("fresh", 1));

        Assert.Equal(ServingRoute.FoldIn, first.Route);
        Assert.Equal(["i2", "i3", "i4"], first.Items.Select(i => i.ItemId).Order());
        // Four group-1 items against two of group 0: the held-back group-1 item leads.
        Assert.Equal("i9", second.Items[0].ItemId);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_rule_runs_over_a_real_model(string name)
    {
        var engine = Engine(name);
        engine.AddEvent("u0", "i9", 1f, null, 0, 1);

        var result = engine.Recommend(new EngineRequest("u0", 4) { Diversity = 0.3, Pins = [new ItemPin("i8", 0)], Exclude = ["i5"], Explain = true });

        Assert.Equal(ServingRoute.FoldIn, result.Route);
        Assert.Equal(4, result.Items.Count);
        Assert.Equal("i8", result.Items[0].ItemId);
        Assert.DoesNotContain(result.Items, i => i.ItemId is "i5" or "i9" or "i1" or "i2" or "i3" or "i4");
        Assert.All(result.Items, i => Assert.NotNull(i.Explanation));
        Assert.IsType<NeighborSimilarity>(engine.Snapshot.Similarity);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_forgotten_user_is_served_by_popularity(string name)
    {
        var engine = Engine(name);

        engine.ForgetUser("u0", 1);

        Assert.Equal(ServingRoute.Fallback, engine.Recommend(new EngineRequest("u0", 3)).Route);
    }

    private static RecommendationEngine Engine(string name)
    {
        var data = TinyData.Checkerboard();
        IRecommender model = name == "als"
            ? new ImplicitAls(new ImplicitAlsOptions { Factors = 4, Regularization = 0.1, Alpha = 1, Iterations = 8 })
            : new ItemKnn(new ItemKnnOptions());
        model.Fit(data, FitContext.Default);
        return new RecommendationEngine(new ServingSnapshot(model, data, 0));
    }
}
