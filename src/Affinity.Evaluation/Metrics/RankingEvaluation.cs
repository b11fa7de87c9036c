namespace Affinity.Evaluation.Metrics;

/// <summary>
/// One ranking metric over many users: the per-user values and their mean. Immutable.
/// </summary>
/// <remarks>
/// The mean is over users, each counted once (a macro average, as Microsoft Recommenders and
/// RecBole report). Users with no relevant test items are left out, as are users whose value is
/// NaN because the metric is undefined for them (AUC when every candidate is relevant); their
/// per-user value is NaN. <see cref="UserCount"/> says how many users the mean covers.
/// The per-user values stay aligned with the input order, so two models evaluated on the same users
/// can be compared pair by pair (<see cref="Pair"/>, then <see cref="Statistics.PairedTest"/>).
/// </remarks>
public sealed class RankingEvaluation
{
    private readonly double[] _perUser;

    private RankingEvaluation(MetricSpec metric, double[] perUser, double mean, int userCount)
    {
        Metric = metric;
        _perUser = perUser;
        Mean = mean;
        UserCount = userCount;
    }

    /// <summary>The metric.</summary>
    public MetricSpec Metric { get; }

    /// <summary>The mean over the users counted; NaN when none was.</summary>
    public double Mean { get; }

    /// <summary>How many users the mean covers.</summary>
    public int UserCount { get; }

    /// <summary>One value per input ranking, in input order; NaN for users left out of the mean.</summary>
    public ReadOnlySpan<double> PerUser => _perUser;

    /// <summary>Scores every user's ranking and averages over the users for whom the metric is defined.</summary>
    /// <param name="metric">A ranking metric.</param>
    /// <param name="rankings">One ranking per user, in a fixed user order.</param>
    /// <exception cref="ArgumentException">The metric is a rating metric, or a ranking is malformed (ranks not ascending, repeated or outside the candidates).</exception>
    public static RankingEvaluation Evaluate(MetricSpec metric, IReadOnlyList<UserRanking> rankings)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(rankings);
        if (!metric.IsRankingMetric)
        {
            throw new ArgumentException($"{metric} is not a ranking metric.", nameof(metric));
        }

        var perUser = new double[rankings.Count];
        var sum = 0.0;
        var count = 0;
        for (var u = 0; u < perUser.Length; u++)
        {
            var ranking = rankings[u] ?? throw new ArgumentException($"The ranking of user {u} is null.", nameof(rankings));
            Validate(ranking, u);
            var value = ranking.RelevantCount == 0 ? double.NaN : metric.Compute(ranking);
            perUser[u] = value;
            if (!double.IsNaN(value))
            {
                sum += value;
                count++;
            }
        }

        return new RankingEvaluation(metric, perUser, count == 0 ? double.NaN : sum / count, count);
    }

    /// <summary>Evaluates several metrics over the same rankings.</summary>
    public static IReadOnlyList<RankingEvaluation> Evaluate(IReadOnlyList<MetricSpec> metrics, IReadOnlyList<UserRanking> rankings)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var results = new RankingEvaluation[metrics.Count];
        for (var m = 0; m < results.Length; m++)
        {
            results[m] = Evaluate(metrics[m], rankings);
        }

        return results;
    }

    /// <summary>
    /// The values of the users counted in both evaluations, in user order, ready for a paired test.
    /// </summary>
    /// <exception cref="ArgumentException">The evaluations cover different numbers of users.</exception>
    public static (double[] A, double[] B) Pair(RankingEvaluation a, RankingEvaluation b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a._perUser.Length != b._perUser.Length)
        {
            throw new ArgumentException($"Cannot pair {a._perUser.Length} users with {b._perUser.Length}.", nameof(b));
        }

        var both = 0;
        for (var u = 0; u < a._perUser.Length; u++)
        {
            if (!double.IsNaN(a._perUser[u]) && !double.IsNaN(b._perUser[u]))
            {
                both++;
            }
        }

        var left = new double[both];
        var right = new double[both];
        var next = 0;
        for (var u = 0; u < a._perUser.Length; u++)
        {
            if (!double.IsNaN(a._perUser[u]) && !double.IsNaN(b._perUser[u]))
            {
                left[next] = a._perUser[u];
                right[next++] = b._perUser[u];
            }
        }

        return (left, right);
    }

    private static void Validate(UserRanking ranking, int user)
    {
        var ranks = ranking.RelevantRanks ?? throw new ArgumentException($"User {user} has no rank array.", nameof(ranking));
        var previous = -1;
        foreach (var rank in ranks)
        {
            if (rank <= previous || rank >= ranking.CandidateCount)
            {
                throw new ArgumentException(
                    $"User {user}: rank {rank} breaks the ranking (ranks must be ascending, distinct and below the {ranking.CandidateCount} candidates).",
                    nameof(ranking));
            }

            previous = rank;
        }
    }
}
