using Affinity.Evaluation.Metrics;

namespace Affinity.Evaluation.Tests.Metrics;

public sealed class RatingMetricsTests
{
    [Fact]
    public void Rmse_and_mae_match_hand_arithmetic()
    {
        // Errors 1, 0, -2: MAE = (1 + 0 + 2) / 3 = 1; RMSE = sqrt((1 + 0 + 4) / 3) = sqrt(5/3).
        float[] predicted = [3, 4, 3];
        float[] actual = [2, 4, 5];
        Assert.Equal(1.0, RatingMetrics.Mae(predicted, actual), 1e-12);
        Assert.Equal(Math.Sqrt(5.0 / 3), RatingMetrics.Rmse(predicted, actual), 1e-12);
    }

    [Fact]
    public void Perfect_predictions_score_zero_and_no_pairs_score_nan()
    {
        float[] same = [1.5f, 2, 4];
        Assert.Equal(0.0, RatingMetrics.Rmse(same, same));
        Assert.Equal(0.0, RatingMetrics.Mae(same, same));
        Assert.True(double.IsNaN(RatingMetrics.Rmse([], [])));
        Assert.True(double.IsNaN(RatingMetrics.Mae([], [])));
    }

    [Fact]
    public void Lengths_must_match()
    {
        Assert.Throws<ArgumentException>(() => RatingMetrics.Rmse([1f, 2f], [1f]));
        Assert.Throws<ArgumentException>(() => RatingMetrics.Mae([1f], [1f, 2f]));
    }

    [Fact]
    public void Accumulation_in_double_does_not_drift_over_a_million_errors()
    {
        // Each error is (double)1.1f - 1 = 0.10000002384185791. A float running sum of 1M of them stalls once
        // its spacing nears the addend (off by percent); a double sum stays within about n * 1e-16 relative.
        const int n = 1_000_000;
        var predicted = new float[n];
        var actual = new float[n];
        Array.Fill(predicted, 1.1f);
        Array.Fill(actual, 1f);
        var error = (double)1.1f - 1;
        Assert.Equal(error, RatingMetrics.Mae(predicted, actual), 1e-9);
        Assert.Equal(error, RatingMetrics.Rmse(predicted, actual), 1e-9);

        var floatSum = 0f;
        for (var i = 0; i < n; i++)
        {
            floatSum += predicted[i] - actual[i];
        }

        Assert.True(Math.Abs((floatSum / n) - error) > 1e-4);
    }
}
