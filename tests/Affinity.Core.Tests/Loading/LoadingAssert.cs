using Affinity.Core.Data.Attributes;

namespace Affinity.Core.Tests.Loading;

internal static class LoadingAssert
{
    /// <summary>Counts of the ratings 1, 2, 3, 4, 5, failing on any other value.</summary>
    public static int[] WholeStarHistogram(ReadOnlySpan<float> values)
    {
        var counts = new int[5];
        foreach (var v in values)
        {
            Assert.True(v is 1f or 2f or 3f or 4f or 5f, $"rating {v} is not a whole star");
            counts[(int)v - 1]++;
        }

        return counts;
    }

    public static int CountOf(CategoricalColumn column, string level)
    {
        var code = column.Levels.IndexOf(level);
        var count = 0;
        foreach (var c in column.Codes)
        {
            if (c == code)
            {
                count++;
            }
        }

        return count;
    }
}
