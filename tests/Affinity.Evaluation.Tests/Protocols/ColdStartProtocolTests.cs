using Affinity.Core.Loading;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Running;
using Affinity.Evaluation.Splitting;
using Affinity.Models.Baselines;
using Affinity.Testing;

namespace Affinity.Evaluation.Tests.Protocols;

/// <summary>The cold-start presets on ML-100K: the splits they make and what popularity can and cannot do there.</summary>
public sealed class ColdStartProtocolTests
{
    private static readonly ModelUnderTest[] Popularity = [new("popularity", () => new Popularity())];

    private static ProtocolInput LoadMovieLens100K() => new(MovieLens100K.Load(TestData.PathOf("ml-100k")));

    [Fact]
    public void Cold_items_holds_out_a_fifth_of_the_items_and_popularity_cannot_order_them()
    {
        var input = LoadMovieLens100K();
        var split = Assert.Single(ProtocolCatalog.ColdItems.CreateSplitter(input).Split(input.Data));

        // 1682 items, all rated: round(0.2 × 1682) = 336 held out, none of them in training.
        var cold = ColdItemSplitter.HeldOutItems(split);
        Assert.Equal(336, cold.Length);
        var trainCounts = split.Train.ItemCounts();
        Assert.All(cold, i => Assert.Equal(0, trainCounts[i]));
        Assert.Equal(100_000, split.Train.Count + split.Test.Count);

        var report = EvaluationRunner.Run(ProtocolCatalog.ColdItems, input, Popularity);

        // Every held-out item has popularity 0; ties are shuffled, so popularity ranks them by chance (AUC ≈ 0.5,
        // where breaking ties by index gave 0.763: ML-100K item indexes follow popularity).
        var fold = report.Models[0].Folds[0];
        Assert.InRange(fold.Metrics["AUC"], 0.4, 0.6);
        Assert.Equal(0.0, fold.Metrics[ColdStartMetrics.FallbackShare]);
    }

    [Fact]
    public void Cold_users_five_gives_popularity_its_fallback_for_every_held_out_user()
    {
        var input = LoadMovieLens100K();
        var split = Assert.Single(ProtocolCatalog.ColdUsersFive.CreateSplitter(input).Split(input.Data));

        // 943 users: round(0.2 × 943) = 189 held out, each with 5 given interactions (every ML-100K user has at least 20).
        Assert.Equal(189 * 5, split.Validation!.Count);
        Assert.Equal(943 - 189, split.Train.UserCounts().Count(c => c > 0));

        var report = EvaluationRunner.Run(ProtocolCatalog.ColdUsersFive, input, Popularity);

        var fold = report.Models[0].Folds[0];
        Assert.Equal(1.0, fold.Metrics[ColdStartMetrics.FallbackShare]);
        Assert.InRange(fold.Metrics["NDCG@10"], 0.05, 0.5);
    }
}
