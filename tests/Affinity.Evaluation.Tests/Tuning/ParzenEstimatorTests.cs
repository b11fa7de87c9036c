using Affinity.Evaluation.Tuning;

namespace Affinity.Evaluation.Tests.Tuning;

public sealed class ParzenEstimatorTests
{
    [Fact]
    public void Components_follow_hyperopts_adaptive_parzen_normal()
    {
        // Range [0, 10]: prior mean 5, width 10. Observations 1, 2, 8 in that trial order; sorted
        // with the prior: 1, 2, 5, 8. Widths: first 2-1 = 1; 2: max(1, 3) = 3; prior 10; last 8-5 = 3.
        // Clip to [10 / min(100, 1 + 4), 10] = [2, 10]: 2, 3, 10, 3. Weights 1, 1, 1, 1 over 4.
        var estimator = ParzenEstimator.Fit([8, 1, 2], 0, 10, priorWeight: 1, forgetting: 25);

        Assert.Equal([1.0, 2, 5, 8], estimator.Means);
        Assert.Equal([2.0, 3, 10, 3], estimator.Widths);
        Assert.Equal([0.25, 0.25, 0.25, 0.25], estimator.Weights);
    }

    [Fact]
    public void One_observation_gets_half_the_prior_width_and_none_leaves_the_prior()
    {
        // [0, 4]: prior mean 2 width 4; observation 3 above it gets 4 * 0.5 = 2 (within [4/3, 4]).
        var one = ParzenEstimator.Fit([3], 0, 4, priorWeight: 1, forgetting: 25);
        var none = ParzenEstimator.Fit([], 0, 4, priorWeight: 1, forgetting: 25);

        Assert.Equal([2.0, 3], one.Means);
        Assert.Equal([4.0, 2], one.Widths);
        Assert.Equal([2.0], none.Means);
        Assert.Equal([4.0], none.Widths);
    }

    [Fact]
    public void Old_observations_weigh_less_beyond_the_forgetting_horizon()
    {
        // 5 observations, horizon 2: the 3 oldest ramp linspace(1/5, 1, 3) = 0.2, 0.6, 1.0, the newest
        // two weigh 1. Values are increasing, and the prior (mean 50, weight 1) sorts after all five.
        // Total 0.2 + 0.6 + 1 + 1 + 1 + 1 = 4.8.
        var estimator = ParzenEstimator.Fit([1, 2, 3, 4, 5], 0, 100, priorWeight: 1, forgetting: 2);

        double[] expected = [0.2 / 4.8, 0.6 / 4.8, 1 / 4.8, 1 / 4.8, 1 / 4.8, 1 / 4.8];
        Assert.Equal(expected.Length, estimator.Weights.Count);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], estimator.Weights[k], 12);
        }
    }

    [Fact]
    public void The_truncated_density_integrates_to_one_over_the_range_and_samples_stay_inside()
    {
        var estimator = ParzenEstimator.Fit([0.1, 0.15, 0.9], 0, 1, priorWeight: 1, forgetting: 25);

        // Midpoint rule with 20,000 steps.
        var integral = 0.0;
        const int steps = 20_000;
        for (var s = 0; s < steps; s++)
        {
            integral += Math.Exp(estimator.LogDensity((s + 0.5) / steps)) / steps;
        }

        Assert.Equal(1.0, integral, 4);
        var random = new Random(4);
        Assert.All(Enumerable.Range(0, 2000).Select(_ => estimator.Sample(random)), x => Assert.InRange(x, 0, 1));
    }
}
