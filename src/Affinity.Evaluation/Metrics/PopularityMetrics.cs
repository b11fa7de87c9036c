namespace Affinity.Evaluation.Metrics;

/// <summary>
/// How popular, or how novel, the recommended items are, judged by their popularity in the training
/// data. Each metric is averaged within a list and then over lists (empty lists skipped), the
/// per-user average of Vargas and Castells; the two averages agree when all lists have one length.
/// </summary>
public static class PopularityMetrics
{
    /// <summary>
    /// Mean self-information of the recommended items: for item i, -log2(pop_i / userCount), where
    /// pop_i is the number of training users who interacted with i. This is the popularity-based
    /// novelty of Vargas and Castells, "Rank and relevance in novelty and diversity metrics for
    /// recommender systems" (RecSys 2011), with p(seen | i) = pop_i / |U|, without rank discount or
    /// relevance weighting. Higher means more novel (less popular) recommendations.
    /// </summary>
    /// <param name="lists">One top-K list of item indexes per user.</param>
    /// <param name="popularity">For every item, the number of distinct training users who interacted with it.</param>
    /// <param name="userCount">The number of training users.</param>
    /// <returns>The novelty in bits, or NaN when every list is empty.</returns>
    /// <remarks>
    /// An item no training user touched would carry infinite self-information; it is counted as seen
    /// by one user (log2 |U| bits), the most novel a seen item can be, as RankSys does for items
    /// missing from its novelty table.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The user count is not positive, a listed item has no popularity entry, or its popularity exceeds the user count.</exception>
    public static double Novelty(IReadOnlyList<int[]> lists, ReadOnlySpan<int> popularity, int userCount)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(userCount);
        var log2Users = Math.Log2(userCount);
        var sum = 0.0;
        var counted = 0;
        for (var u = 0; u < lists.Count; u++)
        {
            var list = lists[u] ?? [];
            if (list.Length == 0)
            {
                continue;
            }

            var listSum = 0.0;
            foreach (var item in list)
            {
                var pop = Popularity(popularity, item, u);
                if (pop > userCount)
                {
                    throw new ArgumentOutOfRangeException(nameof(popularity), pop, $"Item {item} has popularity {pop} above the {userCount} users; count distinct users.");
                }

                // -log2(pop / |U|) = log2 |U| - log2 pop.
                listSum += log2Users - Math.Log2(Math.Max(pop, 1));
            }

            sum += listSum / list.Length;
            counted++;
        }

        return counted == 0 ? double.NaN : sum / counted;
    }

    /// <summary>
    /// Mean popularity rank of the recommended items, where the most popular item has rank 1 and
    /// equally popular items share the best rank among them: rank_i = 1 + #{ j : pop_j &gt; pop_i }
    /// (standard competition ranking, so the result does not depend on item numbering). Lower means
    /// more popular recommendations; a popularity recommender scores about (K + 1)/2.
    /// </summary>
    /// <param name="lists">One top-K list of item indexes per user.</param>
    /// <param name="popularity">For every item of the catalogue, its training popularity (any count: interactions or users).</param>
    /// <returns>The mean rank, or NaN when every list is empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A listed item has no popularity entry.</exception>
    public static double MeanPopularityRank(IReadOnlyList<int[]> lists, ReadOnlySpan<int> popularity)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var ascending = popularity.ToArray();
        Array.Sort(ascending);
        var sum = 0.0;
        var counted = 0;
        for (var u = 0; u < lists.Count; u++)
        {
            var list = lists[u] ?? [];
            if (list.Length == 0)
            {
                continue;
            }

            var listSum = 0.0;
            foreach (var item in list)
            {
                var pop = Popularity(popularity, item, u);
                listSum += 1 + (ascending.Length - CountAtMost(ascending, pop));
            }

            sum += listSum / list.Length;
            counted++;
        }

        return counted == 0 ? double.NaN : sum / counted;
    }

    private static int Popularity(ReadOnlySpan<int> popularity, int item, int list)
    {
        if ((uint)item >= (uint)popularity.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(popularity), item, $"List {list} holds item {item}, outside the {popularity.Length} items with a popularity.");
        }

        return popularity[item];
    }

    /// <summary>The number of sorted values not above <paramref name="value"/>.</summary>
    private static int CountAtMost(int[] sorted, int value)
    {
        var low = 0;
        var high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] <= value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
