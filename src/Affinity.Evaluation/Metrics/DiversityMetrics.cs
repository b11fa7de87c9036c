namespace Affinity.Evaluation.Metrics;

/// <summary>How different the items within each recommendation list are from one another.</summary>
public static class DiversityMetrics
{
    /// <summary>
    /// Intra-list diversity: for each list L with |L| ≥ 2,
    /// ILD(L) = (2 / (|L| (|L| - 1))) Σ_{i &lt; j} (1 - sim(L_i, L_j)), then the mean over those lists.
    /// This is Ziegler et al.'s intra-list similarity turned into a distance ("Improving recommendation
    /// lists through topic diversification", WWW 2005) and equals Microsoft Recommenders
    /// <c>diversity</c> (1 - mean intra-list similarity) when <paramref name="similarity"/> is its
    /// co-occurrence cosine, which <see cref="ItemCosineSimilarity"/> with binary values reproduces.
    /// </summary>
    /// <param name="lists">One list of item indexes per user.</param>
    /// <param name="similarity">The similarity of two items, usually in [0, 1]; called once per unordered pair in each list.</param>
    /// <returns>The mean diversity, or NaN when no list holds two items (a single item has no pairs).</returns>
    public static double IntraListDiversity(IReadOnlyList<int[]> lists, Func<int, int, double> similarity)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(similarity);
        var sum = 0.0;
        var counted = 0;
        for (var u = 0; u < lists.Count; u++)
        {
            var list = lists[u] ?? [];
            if (list.Length < 2)
            {
                continue;
            }

            var distance = 0.0;
            for (var i = 0; i < list.Length; i++)
            {
                for (var j = i + 1; j < list.Length; j++)
                {
                    distance += 1.0 - similarity(list[i], list[j]);
                }
            }

            sum += distance * 2.0 / ((double)list.Length * (list.Length - 1));
            counted++;
        }

        return counted == 0 ? double.NaN : sum / counted;
    }
}
