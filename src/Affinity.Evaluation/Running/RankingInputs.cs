using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Evaluation.Metrics;

namespace Affinity.Evaluation.Running;

/// <summary>The steps full and sampled ranking share: relevant sets, ranks from a ranked list, top lists and aggregation.</summary>
internal static class RankingInputs
{
    /// <summary>Each user's relevant test items, sorted, keeping values at or above the threshold when one is set.</summary>
    public static int[][] RelevantItems(Dataset test, float? threshold)
    {
        var byUser = test.ByUser;
        var relevant = new int[byUser.RowCount][];
        for (var u = 0; u < relevant.Length; u++)
        {
            var items = byUser.RowColumns(u);
            var values = byUser.RowValues(u);
            var kept = new List<int>(items.Length);
            for (var k = 0; k < items.Length; k++)
            {
                if ((threshold is null || values[k] >= threshold.Value) && (kept.Count == 0 || kept[^1] != items[k]))
                {
                    kept.Add(items[k]);
                }
            }

            relevant[u] = [.. kept];
        }

        return relevant;
    }

    /// <summary>
    /// The ranks of the relevant items within a ranked candidate list, and their scores. Returns a
    /// null ranking when no relevant item is among the candidates. <paramref name="position"/> is
    /// scratch space of one zeroed slot per item; it is zeroed again on return.
    /// </summary>
    public static (UserRanking? Ranking, Prediction[] Scores) Rank(int user, IReadOnlyList<ScoredItem> list, int[] relevant, int[] position)
    {
        for (var r = 0; r < list.Count; r++)
        {
            position[list[r].Item] = r + 1;
        }

        var ranks = new List<int>(relevant.Length);
        var scores = new List<Prediction>(relevant.Length);
        foreach (var item in relevant)
        {
            var p = position[item] - 1;
            if (p >= 0)
            {
                ranks.Add(p);
                scores.Add(new Prediction(user, item, list[p].Score));
            }
        }

        for (var r = 0; r < list.Count; r++)
        {
            position[list[r].Item] = 0;
        }

        ranks.Sort();
        return (ranks.Count == 0 ? null : new UserRanking([.. ranks], list.Count), [.. scores]);
    }

    /// <summary>
    /// The list with every run of equal scores put in a random order drawn from
    /// <c>new Random(seed · 1,000,003 + user)</c>, so a model that cannot tell items apart ranks them by
    /// chance rather than by index (which, in MovieLens, follows popularity). The list must be sorted by score.
    /// </summary>
    public static ScoredItem[] ShuffleTies(IReadOnlyList<ScoredItem> list, int seed, int user)
    {
        var shuffled = new ScoredItem[list.Count];
        for (var i = 0; i < shuffled.Length; i++)
        {
            shuffled[i] = list[i];
        }

        Random? random = null;
        var start = 0;
        while (start < shuffled.Length)
        {
            var end = start + 1;
            while (end < shuffled.Length && shuffled[end].Score == shuffled[start].Score)
            {
                end++;
            }

            if (end - start > 1)
            {
                // A fixed mix of seed and user (not HashCode, which is salted per process) keeps runs repeatable.
                random ??= new Random(unchecked((seed * 1_000_003) + user));
                random.Shuffle(shuffled.AsSpan(start, end - start));
            }

            start = end;
        }

        return shuffled;
    }

    /// <summary>The first <paramref name="k"/> items of a ranked list.</summary>
    public static int[] Top(IReadOnlyList<ScoredItem> list, int k)
    {
        var top = new int[Math.Min(k, list.Count)];
        for (var i = 0; i < top.Length; i++)
        {
            top[i] = list[i].Item;
        }

        return top;
    }

    /// <summary>The names of the beyond-accuracy metrics computed over the top-K lists.</summary>
    public static IReadOnlyList<string> BeyondAccuracyNames(int k) => [$"Coverage@{k}", $"Gini@{k}", $"Novelty@{k}", $"PopRank@{k}", $"ILD@{k}"];

    /// <summary>
    /// The loop both cold-start protocols share: every user with relevant test items gets the list
    /// <paramref name="recommend"/> makes for them, ties shuffled (seeded by the protocol and the user),
    /// ranked against their relevant items, then aggregated by <see cref="ColdStartOutcome"/>.
    /// </summary>
    public static FoldOutcome MeasureColdStart(MetricSpec[] metrics, int[][] relevantByUser, int itemCount, int seed, int topK, Func<int, RecommendationList> recommend)
    {
        var users = Enumerable.Range(0, relevantByUser.Length).Where(u => relevantByUser[u].Length > 0).ToArray();
        var rankings = new UserRanking?[users.Length];
        var fellBack = new bool[users.Length];
        var tops = new int[users.Length][];
        var scored = new Prediction[users.Length][];
        Parallel.For(0, users.Length, () => new int[itemCount], (k, _, position) =>
        {
            var user = users[k];
            var list = recommend(user);
            fellBack[k] = list.IsFallback;
            var ranked = ShuffleTies(list.Items, seed, user);
            (rankings[k], scored[k]) = Rank(user, ranked, relevantByUser[user], position);
            tops[k] = Top(ranked, topK);
            return position;
        }, _ => { });
        return ColdStartOutcome(metrics, users, rankings, fellBack, tops, scored);
    }

    /// <summary>
    /// Per-user metric values and their means over the users that could be evaluated, plus the
    /// beyond-accuracy metrics of the top-K lists against the training data: catalogue coverage,
    /// Gini index of recommendation counts, novelty, mean popularity rank and intra-list diversity
    /// (1 - binary cosine of items over training users).
    /// </summary>
    public static FoldOutcome Outcome(MetricSpec[] metrics, Dataset train, int k, int[] users, UserRanking?[] rankings, int[][] tops, Prediction[][] scored)
    {
        var (values, perUser, evaluated) = Accuracy(metrics, rankings);
        var lists = evaluated.Select(i => tops[i]).ToArray();
        AddBeyondAccuracy(values, train, k, lists);
        return new FoldOutcome(values, perUser, evaluated.SelectMany(i => scored[i]).ToArray(), evaluated.Select(i => (users[i], tops[i])).ToArray());
    }

    /// <summary>
    /// Per-user metric values and their means over the users that could be evaluated, plus
    /// <see cref="ColdStartMetrics.FallbackShare"/>: the share of those users whose list came from the model's
    /// fallback (<paramref name="fellBack"/>), for the cold-start protocols.
    /// </summary>
    public static FoldOutcome ColdStartOutcome(MetricSpec[] metrics, int[] users, UserRanking?[] rankings, bool[] fellBack, int[][] tops, Prediction[][] scored)
    {
        var (values, perUser, evaluated) = Accuracy(metrics, rankings);
        values[ColdStartMetrics.FallbackShare] = evaluated.Length == 0 ? double.NaN : evaluated.Count(i => fellBack[i]) / (double)evaluated.Length;
        return new FoldOutcome(values, perUser, evaluated.SelectMany(i => scored[i]).ToArray(), evaluated.Select(i => (users[i], tops[i])).ToArray());
    }

    private static (Dictionary<string, double> Values, Dictionary<string, double[]> PerUser, int[] Evaluated) Accuracy(MetricSpec[] metrics, UserRanking?[] rankings)
    {
        var evaluated = Enumerable.Range(0, rankings.Length).Where(i => rankings[i] is not null).ToArray();
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var perUser = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            var userValues = evaluated.Select(i => metric.Compute(rankings[i]!)).ToArray();
            perUser[metric.ToString()] = userValues;
            var finite = userValues.Where(v => !double.IsNaN(v)).ToArray();
            values[metric.ToString()] = finite.Length == 0 ? double.NaN : finite.Average();
        }

        return (values, perUser, evaluated);
    }

    private static void AddBeyondAccuracy(Dictionary<string, double> values, Dataset train, int k, int[][] lists)
    {
        var names = BeyondAccuracyNames(k);
        var popularity = train.ItemCounts();
        var similarity = new ItemCosineSimilarity(train.ByItem);
        values[names[0]] = CatalogMetrics.CatalogCoverage(lists, train.ItemCount);
        values[names[1]] = CatalogMetrics.GiniIndex(lists, train.ItemCount);
        values[names[2]] = PopularityMetrics.Novelty(lists, popularity, train.UserCount);
        values[names[3]] = PopularityMetrics.MeanPopularityRank(lists, popularity);
        // Lists share items heavily (popular ones above all), so each pair's cosine is computed once.
        var memo = new Dictionary<long, double>();
        values[names[4]] = DiversityMetrics.IntraListDiversity(lists, (a, b) =>
        {
            var key = ((long)Math.Min(a, b) << 32) | (uint)Math.Max(a, b);
            if (!memo.TryGetValue(key, out var value))
            {
                memo[key] = value = similarity.Similarity(a, b);
            }

            return value;
        });
    }
}
