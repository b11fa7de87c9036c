using Affinity.Core.Data;
using Affinity.Core.Recommending;

namespace Affinity.Server.Serving;

/// <summary>
/// What a training job measures of the model it trains: the model is fitted on a per-user random
/// holdout's training part, then each evaluated user's held-out items are looked for in its top
/// <see cref="Cutoff"/> (seen training items excluded, full ranking over the catalogue).
/// </summary>
/// <param name="Protocol">The split in words.</param>
/// <param name="Cutoff">The k of the metrics.</param>
/// <param name="Ndcg">Mean NDCG@k over evaluated users, null when no user has a held-out item.</param>
/// <param name="Recall">Mean Recall@k over evaluated users, null when no user has a held-out item.</param>
/// <param name="Users">How many users have held-out items (each counts, scored by the model or by its fallback).</param>
/// <param name="TestItems">How many (user, item) pairs were held out.</param>
/// <param name="FitSeconds">The holdout fit's time.</param>
internal sealed record HoldoutMetrics(string Protocol, int Cutoff, double? Ndcg, double? Recall, int Users, int TestItems, double FitSeconds);

/// <summary>
/// The split and the two metrics of <see cref="HoldoutMetrics"/>, written here because the server may
/// not reference Affinity.Evaluation (ARCHITECTURE.md; the architecture test enforces it). They follow
/// the same definitions as Affinity.Evaluation's <c>UserHoldoutSplitter</c> and <c>RankingMetrics</c>:
/// </summary>
/// <remarks>
/// <para>Split: LensKit's <c>SampleFrac</c> holdout applied to every user, over the user's distinct
/// items (so a repeated event never puts one item both in training, where it is excluded from the
/// ranking, and in test): round(n × ratio) of a user's n distinct items, rounded half to even like
/// Python's <c>round</c>, chosen by a seeded Fisher–Yates shuffle (<see cref="Random(int)"/>, users in
/// index order); every event of a held-out item leaves training. Users whose share rounds to 0 keep
/// everything in training and are not evaluated.</para>
/// <para>Recall@k = hits / |rel| (Microsoft Recommenders <c>recall_at_k</c>, RecBole <c>Recall</c>).
/// NDCG@k with binary gain = Σ over hits 1 / log2(rank + 2) divided by
/// Σ_{i &lt; min(k, |rel|)} 1 / log2(i + 2) (Microsoft Recommenders <c>ndcg_at_k</c>, RecBole <c>NDCG</c>).
/// Both are averaged over users with at least one held-out item.</para>
/// </remarks>
internal static class HoldoutEvaluation
{
    /// <summary>The k of the reported metrics.</summary>
    public const int Cutoff = 10;

    /// <summary>The held-out share of each user's distinct items.</summary>
    public const double TestRatio = 0.1;

    /// <summary>The split: the training interactions' indexes and each user's held-out items (ascending; empty when none).</summary>
    public static (int[] Train, int[][] Test) Split(Dataset data, double testRatio, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        var byUser = data.ByUser;
        var random = new Random(seed);
        var test = new int[data.UserCount][];
        var held = new HashSet<long>();
        for (var u = 0; u < data.UserCount; u++)
        {
            var items = Distinct(byUser.RowColumns(u));
            random.Shuffle(items);
            var count = (int)Math.Round(items.Length * testRatio, MidpointRounding.ToEven);
            var chosen = items.AsSpan(0, count).ToArray();
            Array.Sort(chosen);
            test[u] = chosen;
            foreach (var item in chosen)
            {
                held.Add(((long)u << 32) | (uint)item);
            }
        }

        var users = data.UserIndexes;
        var itemIndexes = data.ItemIndexes;
        var train = new List<int>(data.Count);
        for (var k = 0; k < data.Count; k++)
        {
            if (!held.Contains(((long)users[k] << 32) | (uint)itemIndexes[k]))
            {
                train.Add(k);
            }
        }

        return (train.ToArray(), test);
    }

    /// <summary>The distinct items of a CSR row, ascending (a log's repeated events are repeated columns).</summary>
    private static int[] Distinct(ReadOnlySpan<int> columns)
    {
        var items = columns.ToArray();
        Array.Sort(items);
        var count = 0;
        for (var k = 0; k < items.Length; k++)
        {
            if (count == 0 || items[count - 1] != items[k])
            {
                items[count++] = items[k];
            }
        }

        return items[..count];
    }

    /// <summary>Recall@k of one user: hits in <paramref name="ranked"/>'s first k over the held-out count; NaN with nothing held out.</summary>
    public static double Recall(IReadOnlyList<int> ranked, int[] relevant, int k)
    {
        if (relevant.Length == 0)
        {
            return double.NaN;
        }

        var hits = 0;
        for (var r = 0; r < Math.Min(k, ranked.Count); r++)
        {
            if (Array.BinarySearch(relevant, ranked[r]) >= 0)
            {
                hits++;
            }
        }

        return (double)hits / relevant.Length;
    }

    /// <summary>Binary-gain NDCG@k of one user (<paramref name="relevant"/> ascending); NaN with nothing held out.</summary>
    public static double Ndcg(IReadOnlyList<int> ranked, int[] relevant, int k)
    {
        if (relevant.Length == 0)
        {
            return double.NaN;
        }

        var dcg = 0.0;
        for (var r = 0; r < Math.Min(k, ranked.Count); r++)
        {
            if (Array.BinarySearch(relevant, ranked[r]) >= 0)
            {
                dcg += 1.0 / Math.Log2(r + 2);
            }
        }

        var ideal = 0.0;
        for (var i = 0; i < Math.Min(k, relevant.Length); i++)
        {
            ideal += 1.0 / Math.Log2(i + 2);
        }

        return dcg / ideal;
    }

    /// <summary>
    /// Fits <paramref name="model"/> (a fresh instance with the job's options) on the training part of
    /// <paramref name="data"/>'s holdout and measures it. The subset keeps the full id maps, so held-out
    /// items keep their indexes and can be ranked.
    /// </summary>
    public static HoldoutMetrics Run(ScoringRecommender model, Dataset data, int seed, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var (train, test) = Split(data, TestRatio, seed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        model.Fit(data.Subset(train, data.Name + " holdout train"), context);
        var fitSeconds = clock.Elapsed.TotalSeconds;
        double ndcg = 0, recall = 0;
        int users = 0, pairs = 0;
        for (var u = 0; u < test.Length; u++)
        {
            if (test[u].Length == 0)
            {
                continue;
            }

            context.CancellationToken.ThrowIfCancellationRequested();
            var list = model.Recommend(new RecommendRequest(u, Cutoff));
            var ranked = new int[list.Items.Count];
            for (var r = 0; r < ranked.Length; r++)
            {
                ranked[r] = list.Items[r].Item;
            }

            ndcg += Ndcg(ranked, test[u], Cutoff);
            recall += Recall(ranked, test[u], Cutoff);
            users++;
            pairs += test[u].Length;
        }

        var protocol = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"per-user random holdout of {TestRatio:0.###} of distinct items, seed {seed}, full ranking excluding training items");
        return users == 0
            ? new HoldoutMetrics(protocol, Cutoff, null, null, 0, 0, fitSeconds)
            : new HoldoutMetrics(protocol, Cutoff, ndcg / users, recall / users, users, pairs, fitSeconds);
    }
}
