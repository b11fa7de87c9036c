using System.Buffers;
using Affinity.Core.Kernels;
using Affinity.Core.Recommending;

namespace Affinity.Core.Engine;

/// <summary>
/// The best items that pass a request's filters, with their adjusted scores, best first: what diversity
/// and pins then work on. Filters act before selection, so the pool is full whenever enough items pass.
/// </summary>
internal sealed class CandidatePool
{
    private CandidatePool(int[] items, float[] scores, AppliedRules[] rules, int count)
    {
        Items = items;
        Scores = scores;
        Rules = rules;
        Count = count;
    }

    public int[] Items { get; }

    public float[] Scores { get; }

    public AppliedRules[] Rules { get; }

    public int Count { get; }

    /// <summary>
    /// Selects from a score for every item (fold-in, popularity): adjusts every item that passes the
    /// rules in place (items that don't keep their raw score), then takes the best <paramref name="size"/>.
    /// </summary>
    /// <param name="scores">One score per item; adjusted in place.</param>
    /// <param name="seen">Items to drop (the user's history when the request excludes seen items), ascending.</param>
    /// <param name="pinned">Items the pins place, left out of the pool, ascending.</param>
    /// <param name="rules">The request's rules.</param>
    /// <param name="size">How many to take at most.</param>
    public static CandidatePool FromScores(Span<float> scores, ReadOnlySpan<int> seen, ReadOnlySpan<int> pinned, RuleSet rules, int size)
    {
        var n = scores.Length;
        size = Math.Min(size, n);
        var skipArray = ArrayPool<bool>.Shared.Rent(n);
        try
        {
            var skip = skipArray.AsSpan(0, n);
            for (var i = 0; i < n; i++)
            {
                var keep = rules.Passes(i);
                skip[i] = !keep;
                if (keep)
                {
                    scores[i] = rules.Adjust(i, scores[i], out _);
                }
            }

            Mark(skip, seen);
            Mark(skip, pinned);
            var items = new int[size];
            var top = new float[size];
            var found = TopK.Select(scores, skip, items, top);
            var applied = new AppliedRules[found];
            for (var k = 0; k < found; k++)
            {
                rules.Adjust(items[k], 0, out applied[k]);
            }

            return new CandidatePool(items, top, applied, found);
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(skipArray);
        }
    }

    /// <summary>
    /// Selects from the model's own top lists: asks for more than <paramref name="size"/>, drops what
    /// fails the filters, and asks for twice as many until the pool is full or the model has no more.
    /// Boosts and decay reorder what was fetched; an item deeper than the deepest fetch can't be promoted.
    /// </summary>
    public static CandidatePool FromModel(ServingSnapshot snapshot, int user, bool excludeSeen, ReadOnlySpan<int> pinned, RuleSet rules, int size, out RecommendationSource source)
    {
        var itemCount = snapshot.ItemCount;
        size = Math.Min(size, itemCount);
        var excluded = Union(snapshot.Catalog.BlockedItems, rules.Excluded, pinned);
        var fetch = Math.Min(itemCount, Math.Max(2 * size, size + 10));
        var items = new List<int>();
        var scores = new List<float>();
        var applied = new List<AppliedRules>();
        source = RecommendationSource.Model;
        while (size > 0)
        {
            var request = new RecommendRequest(user, fetch) { ExcludeSeen = excludeSeen, Exclude = excluded, Candidates = rules.Included };
            var list = snapshot.Model.Recommend(request);
            source = list.Source;
            items.Clear();
            scores.Clear();
            applied.Clear();
            foreach (var scored in list.Items)
            {
                if ((uint)scored.Item < (uint)itemCount && rules.Passes(scored.Item))
                {
                    items.Add(scored.Item);
                    scores.Add(rules.Adjust(scored.Item, scored.Score, out var rule));
                    applied.Add(rule);
                }
            }

            if (items.Count >= size || list.Items.Count < fetch || fetch >= itemCount)
            {
                break;
            }

            fetch = (int)Math.Min(itemCount, 2L * fetch);
        }

        return Sorted([.. items], [.. scores], [.. applied], size);
    }

    /// <summary>Takes the best <paramref name="size"/> of an unordered list (ties to the smaller index, as <see cref="TopK"/>).</summary>
    public static CandidatePool Sorted(int[] items, float[] scores, AppliedRules[] rules, int size)
    {
        var order = new int[items.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => scores[a] != scores[b] ? scores[b].CompareTo(scores[a]) : items[a].CompareTo(items[b]));
        var count = Math.Min(size, items.Length);
        var outItems = new int[count];
        var outScores = new float[count];
        var outRules = new AppliedRules[count];
        for (var k = 0; k < count; k++)
        {
            outItems[k] = items[order[k]];
            outScores[k] = scores[order[k]];
            outRules[k] = rules[order[k]];
        }

        return new CandidatePool(outItems, outScores, outRules, count);
    }

    private static void Mark(Span<bool> skip, ReadOnlySpan<int> items)
    {
        foreach (var item in items)
        {
            if ((uint)item < (uint)skip.Length)
            {
                skip[item] = true;
            }
        }
    }

    private static int[] Union(ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<int> c)
    {
        var all = new int[a.Length + b.Length + c.Length];
        a.CopyTo(all);
        b.CopyTo(all.AsSpan(a.Length));
        c.CopyTo(all.AsSpan(a.Length + b.Length));
        return all;
    }
}
