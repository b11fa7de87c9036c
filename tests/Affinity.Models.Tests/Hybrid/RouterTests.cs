using System.Text.Json;
using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Models.Baselines;
using Affinity.Models.Hybrid;
using Affinity.Models.Tests.Conformance;

namespace Affinity.Models.Tests.Hybrid;

public sealed class RouterTests : RecommenderConformanceTests
{
    private const int WarmUser = 0;
    private const int ShortUser = 1;
    private const int IdleUser = 4;
    private const int NewItem = 7;

    /// <summary>
    /// Conformance runs with MinHistory 3, so users u1..u3 (three ratings each) take the warm route,
    /// u4 (two) the cold route and u5 (none) the fallback, and the untouched item i6 is a new item that
    /// the warm route interleaves: every route and the merge meet the contract.
    /// </summary>
    private static readonly RouterOptions Small = new()
    {
        WarmOptions = Json("""{"factors":4,"regularization":0.1,"alpha":1,"iterations":8}"""),
        Cold = "rp3beta",
        MinHistory = 3,
    };

    /// <summary>The tests' members at their default history threshold: a small ALS, RP3beta (fast and exact on tiny data) and popularity.</summary>
    private static readonly RouterOptions Base = Small with { MinHistory = new RouterOptions().MinHistory };

    protected override IRecommender CreateModel() => new Router(Small);

    protected override bool LearnsCollaborativeStructure => true;

    /// <summary>
    /// A shorter history can take another route (warm to cold below MinHistory), so the fold-in scores of
    /// the full and the reduced history come from different members; each member's classes check its own.
    /// </summary>
    protected override bool ExplainsItsFoldIn => false;

    /// <summary>
    /// Implicit data: u0 has i0..i5 (six, warm), u1 has i0, i1 (two, short), u2 has i0..i4, u3 has
    /// i1..i6, u4 is registered with no interactions; i7 is in the catalogue and nobody touched it.
    /// </summary>
    private static Dataset RoutingData()
    {
        var b = new DatasetBuilder("routing", FeedbackKind.Implicit);
        for (var u = 0; u < 5; u++)
        {
            b.AddUser($"u{u}");
        }

        for (var i = 0; i < 8; i++)
        {
            b.AddItem($"i{i}");
        }

        void Add(int user, int from, int to)
        {
            for (var i = from; i <= to; i++)
            {
                b.Add($"u{user}", $"i{i}", 1f);
            }
        }

        Add(0, 0, 5);
        Add(1, 0, 1);
        Add(2, 0, 4);
        Add(3, 1, 6);
        return b.Build();
    }

    private static Router FittedRouter(RouterOptions? options = null)
    {
        var router = new Router(options ?? Base);
        router.Fit(RoutingData(), FitContext.Default);
        return router;
    }

    [Fact]
    public void Each_user_takes_the_route_its_history_calls_for_and_the_list_says_so()
    {
        var router = FittedRouter();

        var warm = router.Recommend(new RecommendRequest(WarmUser, 3));
        var cold = router.Recommend(new RecommendRequest(ShortUser, 3));
        var idle = router.Recommend(new RecommendRequest(IdleUser, 3));
        var unknown = router.Recommend(new RecommendRequest(99, 3));

        Assert.Equal((Router.WarmRoute, RecommendationSource.Model), (warm.Route, warm.Source));
        Assert.Equal((Router.ColdRoute, RecommendationSource.Model), (cold.Route, cold.Source));
        Assert.Equal((Router.FallbackRoute, RecommendationSource.Fallback), (idle.Route, idle.Source));
        Assert.Equal((Router.FallbackRoute, RecommendationSource.Fallback), (unknown.Route, unknown.Source));
        Assert.Equal(Router.FallbackRoute, router.RouteOf(-1));
    }

    [Fact]
    public void The_cold_and_fallback_routes_return_their_models_lists_unchanged()
    {
        var router = FittedRouter();
        var request = new RecommendRequest(ShortUser, 10);

        Assert.Equal(router.ColdModel.Recommend(request).Items, router.Recommend(request).Items);
        Assert.Equal(router.FallbackModel.Recommend(request with { User = IdleUser }).Items, router.Recommend(request with { User = IdleUser }).Items);
    }

    [Fact]
    public void The_warm_route_ranks_known_items_by_the_warm_model_then_new_items_by_the_cold_model()
    {
        var router = FittedRouter();

        var list = router.Recommend(new RecommendRequest(WarmUser, 10)).Items.Select(s => s.Item).ToArray();

        // u0 has seen i0..i5; i6 is known (u3 has it), i7 is new. The warm model ranks i6 alone, then i7 follows.
        Assert.Equal([6, NewItem], list);
        var known = router.WarmModel.Recommend(new RecommendRequest(WarmUser, 10) { Exclude = [NewItem] }).Items.Select(s => s.Item);
        Assert.Equal([6], known);
    }

    [Fact]
    public void A_request_for_new_items_only_gets_the_cold_models_order()
    {
        var router = FittedRouter();
        var request = new RecommendRequest(WarmUser, 10) { Candidates = [NewItem] };

        var list = router.Recommend(request);

        Assert.Equal(Router.WarmRoute, list.Route);
        Assert.Equal(router.ColdModel.Recommend(request).Items, list.Items);
    }

    [Fact]
    public void A_new_item_share_interleaves_new_items_at_even_positions()
    {
        // With share 0.5, position p is a new item's when floor((p + 1) / 2) > floor(p / 2): p = 1, 3, ...
        // u2 has seen i0..i4, so the warm model ranks i5, i6 and the new item i7 takes position 1.
        var router = FittedRouter(Base with { NewItemShare = 0.5 });

        var list = router.Recommend(new RecommendRequest(2, 10)).Items;
        var warm = router.WarmModel.Recommend(new RecommendRequest(2, 10) { Exclude = [NewItem] }).Items;

        Assert.Equal([warm[0].Item, NewItem, warm[1].Item], list.Select(s => s.Item));

        // Each item keeps its own model's score, the score its explanation names.
        var fresh = router.ColdModel.Recommend(new RecommendRequest(2, 10) { Candidates = [NewItem] }).Items;
        Assert.Equal([warm[0].Score, fresh[0].Score, warm[1].Score], list.Select(s => s.Score));
    }

    [Fact]
    public void Fold_in_routes_by_history_length()
    {
        var router = FittedRouter();
        var scores = new float[8];
        var expected = new float[8];

        router.ScoreHistory([0, 1, 2, 3, 4], [1, 1, 1, 1, 1], scores);
        ((IFoldIn)router.WarmModel).ScoreHistory([0, 1, 2, 3, 4], [1, 1, 1, 1, 1], expected);
        Assert.Equal(expected, scores);
        Assert.Equal(Router.WarmRoute, router.FoldInRoute(5));

        router.ScoreHistory([0, 1], [1, 1], scores);
        ((IFoldIn)router.ColdModel).ScoreHistory([0, 1], [1, 1], expected);
        Assert.Equal(expected, scores);
        Assert.Equal(Router.ColdRoute, router.FoldInRoute(2));

        // No history: the fallback's popularity counts (i1 is touched by u0, u1, u3: 3; i7 by nobody).
        router.ScoreHistory([], [], scores);
        Assert.Equal([3f, 4f, 3f, 3f, 3f, 2f, 1f, 0f], scores);
        Assert.Equal(Router.FallbackRoute, router.FoldInRoute(0));
    }

    [Fact]
    public void Fold_in_recommends_without_the_history()
    {
        var list = FoldIn.Recommend(FittedRouter(), 8, [0, 1], [1, 1], new RecommendRequest(-1, 10));

        Assert.DoesNotContain(list.Items, s => s.Item is 0 or 1);
        Assert.Equal(6, list.Items.Count);
    }

    [Fact]
    public void A_loaded_router_takes_the_same_routes()
    {
        var router = FittedRouter();
        using var file = new MemoryStream();
        ModelCatalog.Default.Save(router, file);
        file.Position = 0;

        var loaded = Assert.IsType<Router>(ModelCatalog.Default.Load(file, "router.model"));

        for (var u = -1; u <= 5; u++)
        {
            Assert.Equal(router.RouteOf(u), loaded.RouteOf(u));
            Assert.Equal(router.Recommend(new RecommendRequest(u, 8)), loaded.Recommend(new RecommendRequest(u, 8)), RecommendationComparer.Instance);
        }
    }

    [Fact]
    public void The_fallback_explains_with_popularity_and_other_members_give_their_score()
    {
        var router = FittedRouter();

        var fallback = router.Explain(IdleUser, 1);
        var warm = router.Explain(WarmUser, 6);

        Assert.Equal(4f, fallback.Score);
        Assert.Equal(ReasonKind.Popularity, Assert.Single(fallback.Reasons).Kind);
        var scores = new float[8];
        ((IItemScorer)router.WarmModel).ScoreItems(WarmUser, scores);
        Assert.Equal(scores[6], warm.Score);
    }

    [Fact]
    public void Every_option_changes_the_routes_or_the_lists()
    {
        var baseline = FittedRouter();
        var request = new RecommendRequest(WarmUser, 8) { ExcludeSeen = false };

        Assert.Equal(Router.ColdRoute, FittedRouter(Base with { MinHistory = 7 }).RouteOf(WarmUser));
        Assert.Equal(Router.WarmRoute, FittedRouter(Base with { MinHistory = 2 }).RouteOf(ShortUser));
        Assert.NotEqual(Items(baseline, request), Items(FittedRouter(Base with { NewItemShare = 0.5 }), request));
        Assert.NotEqual(Items(baseline, request), Items(FittedRouter(Base with { Warm = "popularity", WarmOptions = null }), request));
        Assert.NotEqual(Items(baseline, request), Items(FittedRouter(Base with { WarmOptions = Json("""{"factors":2,"iterations":1}""") }), request));
        Assert.NotEqual(Items(baseline, request with { User = ShortUser }), Items(FittedRouter(Base with { Cold = "popularity" }), request with { User = ShortUser }));
        Assert.NotEqual(Items(baseline, request with { User = ShortUser }), Items(FittedRouter(Base with { ColdOptions = Json("""{"beta":0,"alpha":3}""") }), request with { User = ShortUser }));

        // Every catalogue model answers a user it cannot score with the training counts (ScoringRecommender's
        // fallback), so the fallback member shows in which model is built, not in the idle user's list.
        Assert.IsType<RandomRecommender>(FittedRouter(Base with { Fallback = "random" }).FallbackModel);
        var weighted = Assert.IsType<Popularity>(FittedRouter(Base with { FallbackOptions = Json("""{"weighting":"Sum"}""") }).FallbackModel);
        Assert.Equal(PopularityWeighting.Sum, weighted.Options.Weighting);
    }

    [Fact]
    public void Options_survive_a_json_round_trip_and_are_validated()
    {
        var options = new RouterOptions { Warm = "ease", Cold = "item-knn", ColdOptions = Json("""{"mode":"Ranking"}"""), Fallback = "pop", MinHistory = 3, NewItemShare = 0.1 };

        var json = JsonSerializer.Serialize(options, ModelCatalog.JsonOptions);
        var read = JsonSerializer.Deserialize<RouterOptions>(json, ModelCatalog.JsonOptions);

        Assert.Equal(options, read);
        Assert.NotEqual(options, options with { ColdOptions = null });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RouterOptions { MinHistory = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RouterOptions { NewItemShare = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RouterOptions { Cold = " " });
        Assert.Throws<ArgumentException>(() => new Router(new RouterOptions { Cold = "no-such-model" }));
        Assert.Throws<ArgumentException>(() => new Router(new RouterOptions { Warm = "router" }));
        Assert.IsType<Router>(ModelCatalog.Default.Create("router", """{"warm":"ease","cold":"item-knn","fallback":"popularity","minHistory":5}"""));
    }

    private static int[] Items(Router router, RecommendRequest request) => router.Recommend(request).Items.Select(s => s.Item).ToArray();

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private sealed class RecommendationComparer : IEqualityComparer<RecommendationList>
    {
        public static RecommendationComparer Instance { get; } = new();

        public bool Equals(RecommendationList? x, RecommendationList? y)
            => x is not null && y is not null && x.User == y.User && x.Source == y.Source && x.Route == y.Route && x.Items.SequenceEqual(y.Items);

        public int GetHashCode(RecommendationList obj) => obj.User;
    }
}
