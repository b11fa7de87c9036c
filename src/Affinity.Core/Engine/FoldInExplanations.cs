using System.Buffers;
using Affinity.Core.Recommending;

namespace Affinity.Core.Engine;

/// <summary>
/// Explains fold-in scores by leaving one history item out: the reason weight of history item h for
/// item i is <c>score(H)[i] − score(H \ {h})[i]</c>, how much of i's score h accounts for (the
/// leave-one-out attribution; for a linear model over the history such as item-kNN it is exactly h's
/// term). It needs one fold-in per history item, so at most <see cref="MaxHistory"/> items are tried:
/// those a live event touched first, then the training items in index order.
/// </summary>
internal static class FoldInExplanations
{
    /// <summary>The most history items tried.</summary>
    public const int MaxHistory = 64;

    /// <summary>One explanation per item of <paramref name="items"/>, reasons strongest first, positive weights only.</summary>
    public static Explanation[] Explain(IFoldIn model, int itemCount, MergedHistory history, int user, ReadOnlySpan<int> items, int maxReasons)
    {
        var n = history.Items.Length;
        var tried = Tried(history);
        var weights = new float[items.Length * tried.Length];
        var full = ArrayPool<float>.Shared.Rent(itemCount);
        var without = ArrayPool<float>.Shared.Rent(itemCount);
        var restItems = new int[Math.Max(0, n - 1)];
        var restValues = new float[restItems.Length];
        try
        {
            model.ScoreHistory(history.Items, history.Values, full.AsSpan(0, itemCount));
            for (var t = 0; t < tried.Length; t++)
            {
                var left = tried[t];
                for (int h = 0, k = 0; h < n; h++)
                {
                    if (h != left)
                    {
                        restItems[k] = history.Items[h];
                        restValues[k++] = history.Values[h];
                    }
                }

                model.ScoreHistory(restItems, restValues, without.AsSpan(0, itemCount));
                for (var r = 0; r < items.Length; r++)
                {
                    weights[(r * tried.Length) + t] = full[items[r]] - without[items[r]];
                }
            }

            var explanations = new Explanation[items.Length];
            for (var r = 0; r < items.Length; r++)
            {
                var row = weights.AsSpan(r * tried.Length, tried.Length);
                explanations[r] = new Explanation(user, items[r], full[items[r]], Strongest(row, tried, history, maxReasons));
            }

            return explanations;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(full);
            ArrayPool<float>.Shared.Return(without);
        }
    }

    private static int[] Tried(MergedHistory history)
    {
        var count = Math.Min(MaxHistory, history.Items.Length);
        var tried = new int[count];
        var k = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            for (var h = 0; h < history.Items.Length && k < count; h++)
            {
                if (history.Live[h] == (pass == 0))
                {
                    tried[k++] = h;
                }
            }
        }

        return tried;
    }

    private static Reason[] Strongest(ReadOnlySpan<float> weights, int[] tried, MergedHistory history, int maxReasons)
    {
        var reasons = new List<Reason>();
        for (var t = 0; t < weights.Length; t++)
        {
            if (weights[t] > 0)
            {
                reasons.Add(new Reason(ReasonKind.HistoryItem, weights[t], history.Items[tried[t]]));
            }
        }

        reasons.Sort(static (a, b) => b.Weight != a.Weight ? b.Weight.CompareTo(a.Weight) : a.Item.CompareTo(b.Item));
        return reasons.Count > maxReasons ? [.. reasons.GetRange(0, maxReasons)] : [.. reasons];
    }
}
