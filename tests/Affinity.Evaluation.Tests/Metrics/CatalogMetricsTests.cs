using Affinity.Evaluation.Metrics;

namespace Affinity.Evaluation.Tests.Metrics;

public sealed class CatalogMetricsTests
{
    private static readonly int[][] Lists = [[0, 1], [1, 2], [1, 3]];

    [Fact]
    public void Coverage_is_the_share_of_items_recommended_to_anyone()
    {
        // Items 0, 1, 2, 3 of 5 appear: 4 / 5.
        Assert.Equal(0.8, CatalogMetrics.CatalogCoverage(Lists, 5), 1e-12);
        Assert.Equal(0.0, CatalogMetrics.CatalogCoverage([[], []], 5));
    }

    [Fact]
    public void Gini_follows_the_recbole_formula()
    {
        // Counts over 5 items: [1, 3, 1, 1, 0], sorted [0, 1, 1, 1, 3]; weights 2i - n - 1 = -4, -2, 0, 2, 4.
        // Σ = 0 - 2 + 0 + 2 + 12 = 12; G = 12 / (5 * 6) = 0.4.
        Assert.Equal(0.4, CatalogMetrics.GiniIndex(Lists, 5), 1e-12);
    }

    [Fact]
    public void Gini_is_zero_for_an_even_spread_and_n_minus_one_over_n_for_one_item()
    {
        Assert.Equal(0.0, CatalogMetrics.GiniIndex([[0], [1], [2]], 3), 1e-12);

        // Counts sorted [0, 0, 3]: (2*3 - 4) * 3 / (3 * 3) = 6 / 9 = 2/3 = (n - 1) / n.
        Assert.Equal(2.0 / 3, CatalogMetrics.GiniIndex([[2], [2], [2]], 3), 1e-12);
    }

    [Fact]
    public void Gini_of_no_recommendations_is_nan()
        => Assert.True(double.IsNaN(CatalogMetrics.GiniIndex([[]], 3)));

    [Fact]
    public void Counts_and_range_checks()
    {
        Assert.Equal([1, 3, 1, 1, 0], CatalogMetrics.RecommendationCounts(Lists, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => CatalogMetrics.CatalogCoverage([[0, 5]], 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => CatalogMetrics.GiniIndex([[0]], 0));
    }
}
