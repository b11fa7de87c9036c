namespace Affinity.Evaluation.Statistics;

/// <summary>The outcome of a Wilcoxon signed-rank test of a against b.</summary>
/// <param name="W">W+, the sum of the ranks of the positive differences a_i - b_i (R's V statistic).</param>
/// <param name="Z">The normal-approximation statistic; positive when a tends to be larger.</param>
/// <param name="PValue">The two-sided p-value from the normal approximation.</param>
/// <param name="NonZeroCount">How many pairs differ (zero differences are dropped).</param>
public sealed record WilcoxonResult(double W, double Z, double PValue, int NonZeroCount);
