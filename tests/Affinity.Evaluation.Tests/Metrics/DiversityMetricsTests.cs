using Affinity.Evaluation.Metrics;

namespace Affinity.Evaluation.Tests.Metrics;

public sealed class DiversityMetricsTests
{
    private static double Table(int a, int b) => (Math.Min(a, b), Math.Max(a, b)) switch
    {
        (0, 1) => 0.5,
        (0, 2) => 0.0,
        (1, 2) => 1.0,
        (3, 4) => 0.2,
        _ => throw new InvalidOperationException($"Unexpected pair ({a}, {b})."),
    };

    [Fact]
    public void Ild_is_the_mean_pairwise_distance_per_list_then_over_lists()
    {
        // List [0, 1, 2]: distances 0.5, 1, 0 over 3 pairs -> 0.5. List [3, 4]: 1 - 0.2 = 0.8. Single-item list skipped.
        // Mean (0.5 + 0.8) / 2 = 0.65.
        Assert.Equal(0.65, DiversityMetrics.IntraListDiversity([[0, 1, 2], [3, 4], [0]], Table), 1e-12);
    }

    [Fact]
    public void Ild_without_any_pair_is_nan()
        => Assert.True(double.IsNaN(DiversityMetrics.IntraListDiversity([[0], []], Table)));

    [Fact]
    public void Ild_asks_each_unordered_pair_once()
    {
        var calls = 0;
        DiversityMetrics.IntraListDiversity([[0, 1, 2, 3]], (_, _) => { calls++; return 0; });
        Assert.Equal(6, calls);
    }
}
