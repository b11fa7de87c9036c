namespace Affinity.Evaluation.Metrics;

/// <summary>
/// Rating-prediction error over a set of (predicted, actual) pairs, accumulated in double so that a
/// million float errors sum without drift. Definitions as in Surprise <c>accuracy.rmse</c> and
/// <c>accuracy.mae</c> and Microsoft Recommenders <c>rmse</c> and <c>mae</c>: one mean over all
/// pairs (not a mean of per-user means).
/// </summary>
public static class RatingMetrics
{
    /// <summary>RMSE = sqrt( (1/n) Σ (predicted_i - actual_i)² ); NaN when there are no pairs.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static double Rmse(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual)
    {
        CheckLengths(predicted, actual);
        if (predicted.IsEmpty)
        {
            return double.NaN;
        }

        var sum = 0.0;
        for (var i = 0; i < predicted.Length; i++)
        {
            var error = (double)predicted[i] - actual[i];
            sum += error * error;
        }

        return Math.Sqrt(sum / predicted.Length);
    }

    /// <summary>MAE = (1/n) Σ |predicted_i - actual_i|; NaN when there are no pairs.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static double Mae(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual)
    {
        CheckLengths(predicted, actual);
        if (predicted.IsEmpty)
        {
            return double.NaN;
        }

        var sum = 0.0;
        for (var i = 0; i < predicted.Length; i++)
        {
            sum += Math.Abs((double)predicted[i] - actual[i]);
        }

        return sum / predicted.Length;
    }

    private static void CheckLengths(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual)
    {
        if (predicted.Length != actual.Length)
        {
            throw new ArgumentException($"There are {predicted.Length} predictions for {actual.Length} actual values.", nameof(actual));
        }
    }
}
