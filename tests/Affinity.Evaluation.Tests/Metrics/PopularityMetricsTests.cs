using Affinity.Evaluation.Metrics;

namespace Affinity.Evaluation.Tests.Metrics;

public sealed class PopularityMetricsTests
{
    // Eight training users; items seen by 8, 4, 2, 1 and 0 of them.
    private static readonly int[] UserPopularity = [8, 4, 2, 1, 0];

    [Fact]
    public void Novelty_is_the_mean_self_information_per_list_then_over_lists()
    {
        // List 0: -log2(8/8) = 0, -log2(4/8) = 1 -> 0.5. List 1: -log2(2/8) = 2, -log2(1/8) = 3 -> 2.5. Mean 1.5.
        Assert.Equal(1.5, PopularityMetrics.Novelty([[0, 1], [2, 3]], UserPopularity, 8), 1e-12);
    }

    [Fact]
    public void Novelty_counts_an_unseen_item_as_seen_once_and_skips_empty_lists()
    {
        // Item 4 has no training user: treated as 1 of 8, 3 bits. The empty list does not count.
        Assert.Equal(3.0, PopularityMetrics.Novelty([[4], []], UserPopularity, 8), 1e-12);
        Assert.True(double.IsNaN(PopularityMetrics.Novelty([[]], UserPopularity, 8)));
    }

    [Fact]
    public void Novelty_rejects_popularity_above_the_user_count()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PopularityMetrics.Novelty([[0]], UserPopularity, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => PopularityMetrics.Novelty([[9]], UserPopularity, 8));
    }

    [Fact]
    public void Mean_popularity_rank_shares_ranks_between_ties()
    {
        // Popularity [5, 9, 5, 1]: item 1 -> rank 1; items 0 and 2 -> 1 + 1 = 2; item 3 -> 1 + 3 = 4.
        // List 0: (1 + 2) / 2 = 1.5. List 1: 4. Mean (1.5 + 4) / 2 = 2.75.
        int[] popularity = [5, 9, 5, 1];
        Assert.Equal(2.75, PopularityMetrics.MeanPopularityRank([[1, 0], [3]], popularity), 1e-12);
        Assert.Equal(2.0, PopularityMetrics.MeanPopularityRank([[2]], popularity), 1e-12);
        Assert.True(double.IsNaN(PopularityMetrics.MeanPopularityRank([], popularity)));
    }
}
