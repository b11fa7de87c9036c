using Affinity.Core.Kernels;
using Affinity.Core.Recommending;

namespace Affinity.Models;

/// <summary>The similar-items selection that the linear, content and hybrid models share.</summary>
internal static class PositiveTop
{
    /// <summary>
    /// The <paramref name="count"/> best items with a positive score, best first (ties to the smaller
    /// index), never <paramref name="self"/>: an item with a zero or negative weight is not "like" it.
    /// </summary>
    public static ScoredItem[] Select(ReadOnlySpan<float> scores, int self, int count)
    {
        var skip = new bool[scores.Length];
        var positives = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (i == self || !(scores[i] > 0))
            {
                skip[i] = true;
            }
            else
            {
                positives++;
            }
        }

        var k = Math.Min(count, positives);
        var items = new int[k];
        var values = new float[k];
        var found = TopK.Select(scores, skip, items, values);
        var list = new ScoredItem[found];
        for (var i = 0; i < found; i++)
        {
            list[i] = new ScoredItem(items[i], values[i]);
        }

        return list;
    }
}
