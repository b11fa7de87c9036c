using Affinity.Evaluation.Metrics;

namespace Affinity.Evaluation.Tests.Metrics;

public sealed class RankingEvaluationTests
{
    [Fact]
    public void The_mean_is_over_users_with_relevant_items_only()
    {
        // User 0: relevant at rank 0 -> NDCG@2 = 1. User 1: no relevant items -> left out.
        // User 2: relevant at rank 1 -> NDCG@2 = (1/log2(3)) / 1 = 0.6309…; mean (1 + 0.6309…) / 2.
        UserRanking[] rankings = [new([0], 5), new([], 5), new([1], 5)];
        var result = RankingEvaluation.Evaluate(MetricSpec.Parse("NDCG@2"), rankings);
        Assert.Equal(2, result.UserCount);
        Assert.Equal((1 + (1 / Math.Log2(3))) / 2, result.Mean, 1e-12);
        Assert.Equal(3, result.PerUser.Length);
        Assert.Equal(1.0, result.PerUser[0], 1e-12);
        Assert.True(double.IsNaN(result.PerUser[1]));
    }

    [Fact]
    public void Precision_leaves_out_users_without_relevant_items_even_though_it_is_defined_for_them()
    {
        // Without the exclusion user 1 would add a 0 and halve the mean.
        UserRanking[] rankings = [new([0], 5), new([], 5)];
        var result = RankingEvaluation.Evaluate(MetricSpec.Parse("Precision@1"), rankings);
        Assert.Equal(1.0, result.Mean);
        Assert.Equal(1, result.UserCount);
    }

    [Fact]
    public void Users_with_an_undefined_auc_are_skipped()
    {
        // User 0: 2 relevant of 2 candidates, no negatives -> NaN, skipped. User 1: rank 1 of 3 -> beats 1 of 2 negatives = 0.5.
        UserRanking[] rankings = [new([0, 1], 2), new([1], 3)];
        var result = RankingEvaluation.Evaluate(MetricSpec.Parse("AUC"), rankings);
        Assert.Equal(0.5, result.Mean, 1e-12);
        Assert.Equal(1, result.UserCount);
    }

    [Fact]
    public void No_countable_user_gives_nan()
    {
        var result = RankingEvaluation.Evaluate(MetricSpec.Parse("NDCG@10"), [new UserRanking([], 3)]);
        Assert.True(double.IsNaN(result.Mean));
        Assert.Equal(0, result.UserCount);
    }

    [Fact]
    public void Several_metrics_evaluate_in_order()
    {
        UserRanking[] rankings = [new([0], 5), new([3], 5)];
        var results = RankingEvaluation.Evaluate([MetricSpec.Parse("HR@1"), MetricSpec.Parse("HR@5")], rankings);

        // HR@1: 1 and 0 -> 0.5. HR@5: both hit -> 1.
        Assert.Equal(0.5, results[0].Mean);
        Assert.Equal(1.0, results[1].Mean);
        Assert.Equal(MetricSpec.Parse("HitRate@1"), results[0].Metric);
    }

    [Fact]
    public void Pair_keeps_users_counted_in_both_in_user_order()
    {
        // HR@1 of model A for users 0..3: 1, NaN (no relevant item), 0, 1.
        // HR@1 of model B: 0, NaN, 1, NaN (its ranking of user 3 has no relevant item).
        // Users 0 and 2 count in both: A = [1, 0], B = [0, 1].
        UserRanking[] a = [new([0], 4), new([], 4), new([1], 4), new([0], 4)];
        UserRanking[] b = [new([3], 4), new([], 4), new([0], 4), new([], 4)];
        var metric = MetricSpec.Parse("HR@1");
        var (left, right) = RankingEvaluation.Pair(RankingEvaluation.Evaluate(metric, a), RankingEvaluation.Evaluate(metric, b));
        Assert.Equal([1.0, 0.0], left);
        Assert.Equal([0.0, 1.0], right);
    }

    [Fact]
    public void Pair_refuses_different_user_sets()
    {
        var metric = MetricSpec.Parse("HR@1");
        var one = RankingEvaluation.Evaluate(metric, [new UserRanking([0], 2)]);
        var two = RankingEvaluation.Evaluate(metric, [new UserRanking([0], 2), new UserRanking([1], 2)]);
        Assert.Throws<ArgumentException>(() => RankingEvaluation.Pair(one, two));
    }

    [Theory]
    [InlineData(new[] { 2, 1 }, 5)]
    [InlineData(new[] { 1, 1 }, 5)]
    [InlineData(new[] { 5 }, 5)]
    [InlineData(new[] { -1 }, 5)]
    public void Malformed_rankings_are_rejected_naming_the_user(int[] ranks, int candidates)
    {
        UserRanking[] rankings = [new([0], 3), new(ranks, candidates)];
        var error = Assert.Throws<ArgumentException>(() => RankingEvaluation.Evaluate(MetricSpec.Parse("NDCG@10"), rankings));
        Assert.Contains("User 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rating_metrics_are_refused()
        => Assert.Throws<ArgumentException>(() => RankingEvaluation.Evaluate(MetricSpec.Parse("RMSE"), [new UserRanking([0], 2)]));
}
