using System.Buffers;
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
        var k = Math.Min(request.Count, itemCount);
        var skipArray = ArrayPool<bool>.Shared.Rent(itemCount);
        var topArray = ArrayPool<int>.Shared.Rent(k);
        var topScoresArray = ArrayPool<float>.Shared.Rent(k);
        try
        {
            var skip = skipArray.AsSpan(0, itemCount);
            var filtered = request.Candidates is not null;
            skip.Fill(filtered);
            if (filtered)
            {
                Mark(skip, request.Candidates!, value: false);
            }

            if (request.ExcludeSeen)
            {
                Mark(skip, seen);
            }

            if (request.Exclude is not null)
            {
                Mark(skip, request.Exclude, value: true);
            }

            var found = TopK.Select(scores, skip, topArray.AsSpan(0, k), topScoresArray.AsSpan(0, k));
            var list = new ScoredItem[found];
            for (var i = 0; i < found; i++)
            {
                list[i] = new ScoredItem(topArray[i], topScoresArray[i]);
            }

            return list;
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(skipArray);
            ArrayPool<int>.Shared.Return(topArray);
            ArrayPool<float>.Shared.Return(topScoresArray);
        }
    }

    private static void Mark(Span<bool> flags, ReadOnlySpan<int> items)
    {
        foreach (var item in items)
        {
            if ((uint)item < (uint)flags.Length)
            {
                flags[item] = true;
            }
        }
    }

    private static void Mark(Span<bool> flags, IReadOnlyCollection<int> items, bool value)
    {
        foreach (var item in items)
        {
            if ((uint)item < (uint)flags.Length)
            {
                flags[item] = value;
            }
        }
    }
}
