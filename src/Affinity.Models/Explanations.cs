using Affinity.Core.Recommending;

namespace Affinity.Models;

/// <summary>
/// Turns a model's decomposition of a score into an <see cref="Explanation"/>: one
/// <see cref="ReasonKind.HistoryItem"/> reason per history item with a non-zero contribution, an
/// optional <see cref="ReasonKind.Bias"/> reason for the part no history item accounts for, sorted by
/// weight (largest first; ties by kind, then item) and cut to the number asked for.
/// </summary>
internal static class Explanations
{
    /// <summary>Builds the explanation from contributions aligned with <paramref name="history"/> (ascending; repeats are merged).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxReasons"/> is negative.</exception>
    public static Explanation Build(int user, int item, float score, ReadOnlySpan<int> history, ReadOnlySpan<double> contributions, double? bias, int maxReasons)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxReasons);
        var reasons = new List<Reason>(history.Length + 1);
        for (var n = 0; n < history.Length; n++)
        {
            // A repeated item (adjacent in a sorted history) is one reason with the sum of its terms.
            var sum = contributions[n];
            while (n + 1 < history.Length && history[n + 1] == history[n])
            {
                sum += contributions[++n];
            }

            if (sum != 0)
            {
                reasons.Add(new Reason(ReasonKind.HistoryItem, (float)sum, history[n]));
            }
        }

        if (bias is { } b)
        {
            reasons.Add(new Reason(ReasonKind.Bias, (float)b));
        }

        return new Explanation(user, item, score, Top(reasons, maxReasons));
    }

    /// <summary>Sorts the reasons strongest first and keeps at most <paramref name="maxReasons"/>.</summary>
    public static Reason[] Top(List<Reason> reasons, int maxReasons)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxReasons);
        reasons.Sort(Compare);
        if (reasons.Count > maxReasons)
        {
            reasons.RemoveRange(maxReasons, reasons.Count - maxReasons);
        }

        return [.. reasons];
    }

    private static int Compare(Reason a, Reason b)
    {
        var byWeight = b.Weight.CompareTo(a.Weight);
        if (byWeight != 0)
        {
            return byWeight;
        }

        var byKind = a.Kind.CompareTo(b.Kind);
        return byKind != 0 ? byKind : a.Item != b.Item ? a.Item.CompareTo(b.Item) : string.CompareOrdinal(a.Feature, b.Feature);
    }
}
