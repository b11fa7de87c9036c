namespace Affinity.Evaluation.Statistics;

/// <summary>
/// Significance tests for two systems measured on the same units (users or folds), pair by pair:
/// the paired t-test and the Wilcoxon signed-rank test, both two-sided. Use
/// <c>Affinity.Evaluation.Metrics.RankingEvaluation.Pair</c> to line up two models' per-user values.
/// </summary>
public static class PairedTest
{
    /// <summary>
    /// Student's paired t-test on d_i = a_i - b_i: t = mean(d) / (s_d / √n) with n - 1 degrees of
    /// freedom, p = P(|T| ≥ |t|) from the t distribution's CDF (the regularized incomplete beta
    /// function). Matches scipy.stats.ttest_rel and R's t.test(paired = TRUE).
    /// </summary>
    /// <returns>
    /// The result. When every difference is equal, s_d = 0: t is ±∞ with p = 0 if they are non-zero,
    /// and t and p are NaN if they are all zero (no evidence either way), as scipy reports.
    /// </returns>
    /// <exception cref="ArgumentException">The spans differ in length, hold fewer than two pairs, or hold a NaN.</exception>
    public static PairedTTestResult TTest(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        CheckPairs(a, b);
        var n = a.Length;
        if (n < 2)
        {
            throw new ArgumentException($"A paired t-test needs at least two pairs, got {n}.", nameof(a));
        }

        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += a[i] - b[i];
        }

        var mean = sum / n;
        var squares = 0.0;
        for (var i = 0; i < n; i++)
        {
            var deviation = a[i] - b[i] - mean;
            squares += deviation * deviation;
        }

        var standardError = Math.Sqrt(squares / (n - 1) / n);
        var degrees = n - 1;
        if (standardError == 0)
        {
            return mean == 0
                ? new PairedTTestResult(0, double.NaN, degrees, double.NaN)
                : new PairedTTestResult(mean, mean > 0 ? double.PositiveInfinity : double.NegativeInfinity, degrees, 0);
        }

        var t = mean / standardError;
        return new PairedTTestResult(mean, t, degrees, Distributions.StudentTTwoSidedP(t, degrees));
    }

    /// <summary>
    /// The Wilcoxon signed-rank test with the normal approximation and tie correction. Zero
    /// differences are dropped (Wilcoxon's own rule); the n remaining |d_i| are ranked 1..n with tied
    /// values sharing their average rank; W+ sums the ranks of positive differences, and
    /// z = (W+ - n(n + 1)/4) / sqrt(n(n + 1)(2n + 1)/24 - Σ_t (t³ - t)/48) over tie groups of size t,
    /// without continuity correction; p = 2(1 - Φ(|z|)). Matches scipy.stats.wilcoxon with
    /// zero_method="wilcox", correction=False, method="approx" (whose reported statistic is
    /// min(W+, W-) rather than W+). Differences are compared exactly, so values that should tie
    /// but differ by rounding do not.
    /// </summary>
    /// <returns>The result; with no non-zero difference, W = 0 and z and p are NaN.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or hold a NaN.</exception>
    public static WilcoxonResult WilcoxonSignedRank(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        CheckPairs(a, b);
        var n = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                n++;
            }
        }

        if (n == 0)
        {
            return new WilcoxonResult(0, double.NaN, double.NaN, 0);
        }

        var magnitudes = new double[n];
        var positive = new bool[n];
        var next = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            if (d != 0)
            {
                magnitudes[next] = Math.Abs(d);
                positive[next++] = d > 0;
            }
        }

        Array.Sort(magnitudes, positive);
        var wPlus = 0.0;
        var ties = 0.0;
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && magnitudes[end] == magnitudes[start])
            {
                end++;
            }

            // Positions start..end-1 hold ranks start+1..end; each gets their average.
            var averageRank = (start + 1 + end) / 2.0;
            for (var i = start; i < end; i++)
            {
                if (positive[i])
                {
                    wPlus += averageRank;
                }
            }

            double size = end - start;
            ties += (size * size * size) - size;
            start = end;
        }

        var mean = n * (n + 1.0) / 4;
        var variance = (n * (n + 1.0) * ((2.0 * n) + 1) / 24) - (ties / 48);
        var z = (wPlus - mean) / Math.Sqrt(variance);
        return new WilcoxonResult(wPlus, z, Distributions.NormalTwoSidedP(z), n);
    }

    private static void CheckPairs(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Cannot pair {a.Length} values with {b.Length}.", nameof(b));
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (double.IsNaN(a[i]) || double.IsNaN(b[i]))
            {
                throw new ArgumentException($"Pair {i} holds NaN; drop undefined units before testing.", nameof(a));
            }
        }
    }
}
