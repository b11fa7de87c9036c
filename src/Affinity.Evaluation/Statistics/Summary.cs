using System.Globalization;

namespace Affinity.Evaluation.Statistics;

/// <summary>
/// The mean, sample standard deviation and count of a set of values, typically one metric over the
/// folds of a cross-validation. Immutable.
/// </summary>
/// <param name="Mean">The arithmetic mean; NaN when there are no values.</param>
/// <param name="StandardDeviation">The sample standard deviation sqrt(Σ (x - mean)² / (n - 1)); NaN when n &lt; 2.</param>
/// <param name="Count">The number of values.</param>
public sealed record Summary(double Mean, double StandardDeviation, int Count)
{
    /// <summary>The standard error of the mean, s / √n; NaN when n &lt; 2.</summary>
    public double StandardError => StandardDeviation / Math.Sqrt(Count);

    /// <summary>Summarises the values in two passes (mean first), which keeps the deviation accurate when the values are close together.</summary>
    public static Summary Of(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n == 0)
        {
            return new Summary(double.NaN, double.NaN, 0);
        }

        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        var mean = sum / n;
        if (n == 1)
        {
            return new Summary(mean, double.NaN, 1);
        }

        var squares = 0.0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return new Summary(mean, Math.Sqrt(squares / (n - 1)), n);
    }

    /// <summary>"mean ± sd (n = count)" with four decimals, invariant culture.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Mean:F4} ± {StandardDeviation:F4} (n = {Count})");
}
