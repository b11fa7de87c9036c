using Affinity.Evaluation.Metrics;

namespace Affinity.Evaluation.Tests.Metrics;

public sealed class MetricSpecTests
{
    [Theory]
    [InlineData("NDCG@10", MetricKind.Ndcg, 10, "NDCG@10")]
    [InlineData("ndcg@10", MetricKind.Ndcg, 10, "NDCG@10")]
    [InlineData(" Precision@5 ", MetricKind.Precision, 5, "Precision@5")]
    [InlineData("p@20", MetricKind.Precision, 20, "Precision@20")]
    [InlineData("recall@20", MetricKind.Recall, 20, "Recall@20")]
    [InlineData("MAP@10", MetricKind.Map, 10, "MAP@10")]
    [InlineData("mrr@10", MetricKind.Mrr, 10, "MRR@10")]
    [InlineData("HR@10", MetricKind.HitRate, 10, "HitRate@10")]
    [InlineData("hitrate@1", MetricKind.HitRate, 1, "HitRate@1")]
    [InlineData("auc", MetricKind.Auc, 0, "AUC")]
    [InlineData("RMSE", MetricKind.Rmse, 0, "RMSE")]
    [InlineData("Mae", MetricKind.Mae, 0, "MAE")]
    public void Parse_reads_names_ignoring_case_and_prints_them_canonically(string text, MetricKind kind, int cutoff, string canonical)
    {
        var spec = MetricSpec.Parse(text);
        Assert.Equal(kind, spec.Kind);
        Assert.Equal(cutoff, spec.Cutoff);
        Assert.Equal(canonical, spec.ToString());
        Assert.Equal(spec, MetricSpec.Parse(spec.ToString()));
    }

    [Fact]
    public void The_min_suffix_selects_the_other_denominator_and_round_trips()
    {
        var map = MetricSpec.Parse("map@10:MIN");
        Assert.Equal(MapNormalizer.MinOfKAndRelevant, map.MapNormalizer);
        Assert.Equal("MAP@10:min", map.ToString());
        Assert.NotEqual(MetricSpec.Parse("MAP@10"), map);

        var recall = MetricSpec.Parse("Recall@20:min");
        Assert.Equal(RecallDenominator.MinOfKAndRelevant, recall.RecallDenominator);
        Assert.Equal("Recall@20:min", recall.ToString());
    }

    [Theory]
    [InlineData("F1@10", "Unknown metric")]
    [InlineData("", "Unknown metric")]
    [InlineData("NDCG", "needs a positive whole cutoff")]
    [InlineData("NDCG@", "needs a positive whole cutoff")]
    [InlineData("NDCG@0", "needs a positive whole cutoff")]
    [InlineData("NDCG@-3", "needs a positive whole cutoff")]
    [InlineData("NDCG@1.5", "needs a positive whole cutoff")]
    [InlineData("AUC@10", "takes no cutoff")]
    [InlineData("NDCG@10:min", "applies to MAP and Recall only")]
    public void Parse_rejects_bad_names_with_a_message_that_says_why(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => MetricSpec.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(MetricSpec.TryParse(text, out _));
    }

    [Fact]
    public void The_constructor_checks_cutoffs_and_options()
    {
        Assert.Throws<ArgumentException>(() => new MetricSpec(MetricKind.Ndcg));
        Assert.Throws<ArgumentException>(() => new MetricSpec(MetricKind.Auc, 10));
        Assert.Throws<ArgumentException>(() => new MetricSpec(MetricKind.Ndcg, 10, MapNormalizer.MinOfKAndRelevant));
        Assert.Throws<ArgumentException>(() => new MetricSpec(MetricKind.Map, 10, recallDenominator: RecallDenominator.MinOfKAndRelevant));
    }

    [Fact]
    public void Compute_dispatches_to_the_named_metric()
    {
        var ranking = new UserRanking([0, 2, 5], 10);
        Assert.Equal(RankingMetrics.Ndcg(ranking, 3), MetricSpec.Parse("NDCG@3").Compute(ranking));
        Assert.Equal(RankingMetrics.Precision(ranking, 3), MetricSpec.Parse("Precision@3").Compute(ranking));
        Assert.Equal(RankingMetrics.Recall(ranking, 2, RecallDenominator.MinOfKAndRelevant), MetricSpec.Parse("Recall@2:min").Compute(ranking));
        Assert.Equal(RankingMetrics.AveragePrecision(ranking, 2, MapNormalizer.RelevantCount), MetricSpec.Parse("MAP@2").Compute(ranking));
        Assert.Equal(RankingMetrics.AveragePrecision(ranking, 2, MapNormalizer.MinOfKAndRelevant), MetricSpec.Parse("MAP@2:min").Compute(ranking));
        Assert.Equal(RankingMetrics.ReciprocalRank(ranking, 3), MetricSpec.Parse("MRR@3").Compute(ranking));
        Assert.Equal(RankingMetrics.HitRate(ranking, 1), MetricSpec.Parse("HR@1").Compute(ranking));
        Assert.Equal(RankingMetrics.Auc(ranking), MetricSpec.Parse("AUC").Compute(ranking));
        Assert.Equal(Math.Sqrt(5.0 / 3), MetricSpec.Parse("RMSE").Compute([3f, 4f, 3f], [2f, 4f, 5f]), 1e-12);
    }

    [Fact]
    public void Ranking_and_rating_metrics_refuse_the_other_input()
    {
        Assert.Throws<InvalidOperationException>(() => MetricSpec.Parse("RMSE").Compute(new UserRanking([0], 2)));
        Assert.Throws<InvalidOperationException>(() => MetricSpec.Parse("NDCG@10").Compute([1f], [1f]));
        Assert.True(MetricSpec.Parse("MAE").IsRatingMetric);
        Assert.False(MetricSpec.Parse("MAE").HigherIsBetter);
        Assert.True(MetricSpec.Parse("AUC").IsRankingMetric);
    }
}
