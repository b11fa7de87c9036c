namespace Affinity.Evaluation.Statistics;

/// <summary>The outcome of a paired t-test of a against b.</summary>
/// <param name="MeanDifference">The mean of a_i - b_i; positive when a is larger.</param>
/// <param name="T">The t statistic, mean difference / (s_d / √n).</param>
/// <param name="DegreesOfFreedom">n - 1.</param>
/// <param name="PValue">The two-sided p-value P(|T| ≥ |t|).</param>
public sealed record PairedTTestResult(double MeanDifference, double T, int DegreesOfFreedom, double PValue);
