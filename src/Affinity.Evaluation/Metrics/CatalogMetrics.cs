namespace Affinity.Evaluation.Metrics;

/// <summary>
/// How a whole set of top-K lists (one per user, item indexes) spreads over the catalogue.
/// </summary>
public static class CatalogMetrics
{
    /// <summary>
    /// Catalogue coverage = |∪_u L_u| / itemCount: the share of the catalogue recommended to anyone,
    /// as RecBole <c>ItemCoverage</c> (Ge et al., "Beyond accuracy", RecSys 2010).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The item count is not positive or a listed item is outside it.</exception>
    public static double CatalogCoverage(IReadOnlyList<int[]> lists, int itemCount)
    {
        var counts = RecommendationCounts(lists, itemCount);
        var distinct = 0;
        foreach (var c in counts)
        {
            if (c > 0)
            {
                distinct++;
            }
        }

        return (double)distinct / itemCount;
    }

    /// <summary>
    /// The Gini index of how often each item is recommended, over the whole catalogue, as RecBole
    /// <c>GiniIndex</c> (after Gunawardana and Shani's handbook chapter):
    /// G = Σ_{i=1}^{n} (2i - n - 1) c_(i) / (n Σ_i c_(i)), where n is the item count and
    /// c_(1) ≤ … ≤ c_(n) are the recommendation counts sorted ascending, never-recommended items
    /// counting 0. G is 0 when every item is recommended equally often and (n - 1)/n when one item
    /// takes every slot; lower means the recommendations spread more evenly.
    /// </summary>
    /// <returns>The index, or NaN when the lists hold no items at all.</returns>
    /// <remarks>
    /// RecBole divides by users × K rather than Σ c; the two agree whenever every list holds K
    /// items, and ours stays within [0, 1) when some lists are shorter.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The item count is not positive or a listed item is outside it.</exception>
    public static double GiniIndex(IReadOnlyList<int[]> lists, int itemCount)
    {
        var counts = RecommendationCounts(lists, itemCount);
        Array.Sort(counts);
        long total = 0;
        var weighted = 0.0;
        var n = counts.Length;
        for (var i = 0; i < n; i++)
        {
            total += counts[i];
            weighted += (2.0 * (i + 1) - n - 1) * counts[i];
        }

        return total == 0 ? double.NaN : weighted / ((double)n * total);
    }

    /// <summary>How many times each item appears across the lists.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The item count is not positive or a listed item is outside it.</exception>
    public static int[] RecommendationCounts(IReadOnlyList<int[]> lists, int itemCount)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(itemCount);
        var counts = new int[itemCount];
        for (var u = 0; u < lists.Count; u++)
        {
            foreach (var item in lists[u] ?? [])
            {
                if ((uint)item >= (uint)itemCount)
                {
                    throw new ArgumentOutOfRangeException(nameof(lists), item, $"List {u} holds item {item}, outside the {itemCount} items.");
                }

                counts[item]++;
            }
        }

        return counts;
    }
}
