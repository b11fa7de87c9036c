using Affinity.Core.Engine;
using Affinity.Core.Recommending;
using static Affinity.Core.Tests.Engine.EngineFixture;

namespace Affinity.Core.Tests.Engine;

public sealed class ExplanationTests
{
    [Fact]
    public void Nothing_is_explained_unless_asked()
    {
        var (_, engine) = NewEngine();

        Assert.All(engine.Recommend(new EngineRequest("u0", 3)).Items, i => Assert.Null(i.Explanation));
    }

    [Fact]
    public void The_model_route_carries_the_models_explanation()
    {
        var (_, engine) = NewEngine();

        var item = engine.Recommend(new EngineRequest("u0", 1) { Explain = true }).Items[0];

        // i2 is next to u0's i1.
        var reason = Assert.Single(item.Explanation!.Reasons);
        Assert.Equal(new Reason(ReasonKind.HistoryItem, 1f, 1), reason);
        Assert.Equal(1.06f, item.Explanation.Score, 5);
    }

    [Fact]
    public void The_fold_in_route_explains_by_leaving_each_history_item_out()
    {
        var (_, engine) = NewEngine();
        engine.AddEvent("u0", "i5", 1f, null, Now, 11);

        var result = engine.Recommend(new EngineRequest("u0", 3) { Explain = true });

        // i4 = 0.04 + 1 owes its 1 to i5 (without i5 it scores 0.04), and nothing to i0 or i1.
        var i4 = result.Items[1];
        Assert.Equal("i4", i4.ItemId);
        var reason = Assert.Single(i4.Explanation!.Reasons);
        Assert.Equal(ReasonKind.HistoryItem, reason.Kind);
        Assert.Equal(5, reason.Item);
        Assert.Equal(1f, reason.Weight, 5);
        Assert.Equal(1.04f, i4.Explanation.Score, 5);
    }

    [Fact]
    public void The_fallback_route_explains_by_popularity()
    {
        var (_, engine) = NewEngine();

        var item = engine.Recommend(new EngineRequest("stranger", 1) { Explain = true }).Items[0];

        Assert.Equal(new Reason(ReasonKind.Popularity, 3f), Assert.Single(item.Explanation!.Reasons));
        Assert.Equal(-1, item.Explanation.User);
    }

    [Fact]
    public void Max_reasons_of_zero_gives_explanations_without_reasons()
    {
        var (_, engine) = NewEngine();
        engine.AddEvent("u0", "i5", 1f, null, Now, 11);

        var result = engine.Recommend(new EngineRequest("u0", 2) { Explain = true, MaxReasons = 0 });

        Assert.All(result.Items, i => Assert.Empty(i.Explanation!.Reasons));
    }
}
