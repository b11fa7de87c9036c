using Affinity.Core.Recommending;

namespace Affinity.Models.Hybrid;

/// <summary>How the router's warm route interleaves the warm model's list with the cold model's list of new items.</summary>
internal static class RouterMerge
{
    /// <summary>
    /// Position <c>p</c> (0-based) goes to a new item when <c>⌊(p + 1) · share⌋ &gt; ⌊p · share⌋</c>, so
    /// new items are spread evenly at the given share (0.1: positions 9, 19, ...); when one list runs out
    /// the other fills the rest. Every item keeps the score its own model gave it, so a router's score is
    /// always the score its explanation names; the two models' scores share no scale, so in a merged list
    /// the order, not the score, says which item comes first.
    /// </summary>
    public static IReadOnlyList<ScoredItem> Merge(IReadOnlyList<ScoredItem> warm, IReadOnlyList<ScoredItem> fresh, int count, double share)
    {
        if (fresh.Count == 0 || (share == 0 && warm.Count >= count))
        {
            return Take(warm, count);
        }

        if (warm.Count == 0)
        {
            return Take(fresh, count);
        }

        var length = Math.Min(count, warm.Count + fresh.Count);
        var merged = new ScoredItem[length];
        int w = 0, f = 0;
        for (var p = 0; p < length; p++)
        {
            var freshSlot = Math.Floor((p + 1) * share) > Math.Floor(p * share);
            var takeFresh = w == warm.Count || (freshSlot && f < fresh.Count);
            merged[p] = takeFresh ? fresh[f++] : warm[w++];
        }

        return merged;
    }

    private static IReadOnlyList<ScoredItem> Take(IReadOnlyList<ScoredItem> list, int count)
    {
        if (list.Count <= count)
        {
            return list;
        }

        var taken = new ScoredItem[count];
        for (var i = 0; i < count; i++)
        {
            taken[i] = list[i];
        }

        return taken;
    }
}
