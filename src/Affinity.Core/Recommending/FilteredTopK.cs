using Affinity.Core.Kernels;

namespace Affinity.Core.Recommending;

/// <summary>The filters every recommend path applies before top-K: seen items, the exclude list and the candidate list.</summary>
internal static class FilteredTopK
{
    /// <summary>
    /// The best <see cref="RecommendRequest.Count"/> items of <paramref name="scores"/>, leaving out
    /// <paramref name="seen"/> when the request excludes seen items, the request's exclusions, and
    /// anything outside its candidates. Out-of-range item indexes in the lists are ignored.
    /// </summary>
    public static ScoredItem[] Select(ReadOnlySpan<float> scores, ReadOnlySpan<int> seen, RecommendRequest request)
    {
        var itemCount = scores.Length;
        var skip = new bool[itemCount];
        if (request.ExcludeSeen)
        {
            Mark(skip, seen);
        }

        if (request.Exclude is not null)
        {
            Mark(skip, request.Exclude);
        }

        if (request.Candidates is not null)
        {
            var allowed = new bool[itemCount];
            Mark(allowed, request.Candidates);
            for (var i = 0; i < itemCount; i++)
            {
                skip[i] |= !allowed[i];
            }
        }

        var k = Math.Min(request.Count, itemCount);
        var top = new int[k];
        var topScores = new float[k];
        var found = TopK.Select(scores, skip, top, topScores);
        var list = new ScoredItem[found];
        for (var i = 0; i < found; i++)
        {
            list[i] = new ScoredItem(top[i], topScores[i]);
        }

        return list;
    }

    private static void Mark(bool[] flags, ReadOnlySpan<int> items)
    {
        foreach (var item in items)
        {
            if ((uint)item < (uint)flags.Length)
            {
                flags[item] = true;
            }
        }
    }

    private static void Mark(bool[] flags, IReadOnlyCollection<int> items)
    {
        foreach (var item in items)
        {
            if ((uint)item < (uint)flags.Length)
            {
                flags[item] = true;
            }
        }
    }
}
