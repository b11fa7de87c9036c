using Affinity.Evaluation.Statistics;

namespace Affinity.Evaluation.Tests.Statistics;

public sealed class SummaryTests
{
    [Fact]
    public void Mean_and_sample_standard_deviation()
    {
        // Mean 3; squared deviations 4 + 1 + 0 + 1 + 4 = 10; s = sqrt(10 / 4) = sqrt(2.5).
        var summary = Summary.Of([1.0, 2, 3, 4, 5]);
        Assert.Equal(3.0, summary.Mean, 1e-12);
        Assert.Equal(Math.Sqrt(2.5), summary.StandardDeviation, 1e-12);
        Assert.Equal(5, summary.Count);
        Assert.Equal(Math.Sqrt(2.5) / Math.Sqrt(5), summary.StandardError, 1e-12);
        Assert.Equal("3.0000 ± 1.5811 (n = 5)", summary.ToString());
    }

    [Fact]
    public void Close_values_keep_their_spread()
    {
        // 1e9 + {1, 2, 3}: s = 1 exactly; a one-pass sum of squares would lose it.
        var summary = Summary.Of([1e9 + 1, 1e9 + 2, 1e9 + 3]);
        Assert.Equal(1.0, summary.StandardDeviation, 1e-9);
    }

    [Fact]
    public void Too_few_values_give_nan_where_undefined()
    {
        var none = Summary.Of([]);
        Assert.True(double.IsNaN(none.Mean));
        Assert.Equal(0, none.Count);
        var one = Summary.Of([0.25]);
        Assert.Equal(0.25, one.Mean);
        Assert.True(double.IsNaN(one.StandardDeviation));
    }
}
