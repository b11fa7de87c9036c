using Affinity.Core.Kernels;

namespace Affinity.Core.Tests.Kernels;

public sealed class TopKTests
{
    [Fact]
    public void Selects_like_a_full_sort_at_every_length_up_to_256()
    {
        var random = new Random(11);
        for (var n = 0; n <= 256; n++)
        {
            foreach (var k in new[] { 0, 1, 3, n / 2, n, n + 5 })
            {
                AssertMatchesSort(RandomScores(random, n, distinct: 1_000_000, nanRate: 0), [], k);
                AssertMatchesSort(RandomScores(random, n, distinct: 4, nanRate: 0), [], k); // many ties
                AssertMatchesSort(RandomScores(random, n, distinct: 8, nanRate: 0.2), RandomSkips(random, n), k);
            }
        }
    }

    [Fact]
    public void Ties_go_to_the_smaller_index_best_first()
    {
        float[] scores = [1, 3, 3, 2, 3];
        var items = new int[3];
        var itemScores = new float[3];

        var count = TopK.Select(scores, [], items, itemScores);

        Assert.Equal(3, count);
        Assert.Equal([1, 2, 4], items);
        Assert.Equal([3f, 3, 3], itemScores);
    }

    [Fact]
    public void NaN_skipped_and_k_beyond_n_return_what_exists()
    {
        float[] scores = [float.NaN, 0.5f, float.NegativeInfinity, 2, 7];
        bool[] skip = [false, false, false, false, true];
        var items = new int[10];
        var itemScores = new float[10];

        var count = TopK.Select(scores, skip, items, itemScores);

        Assert.Equal(3, count);
        Assert.Equal([3, 1, 2], items[..count]);
        Assert.Equal([2f, 0.5f, float.NegativeInfinity], itemScores[..count]);
    }

    [Fact]
    public void Mismatched_spans_throw()
    {
        Assert.Throws<ArgumentException>(() => TopK.Select([1, 2], [], new int[2], new float[1]));
        Assert.Throws<ArgumentException>(() => TopK.Select([1, 2], [true], new int[1], new float[1]));
    }

    private static void AssertMatchesSort(float[] scores, bool[] skip, int k)
    {
        var expected = Enumerable.Range(0, scores.Length)
            .Where(i => !float.IsNaN(scores[i]) && (skip.Length == 0 || !skip[i]))
            .OrderByDescending(i => scores[i])
            .ThenBy(i => i)
            .Take(k)
            .ToArray();
        var items = new int[k];
        var itemScores = new float[k];

        var count = TopK.Select(scores, skip, items, itemScores);

        Assert.Equal(expected.Length, count);
        Assert.Equal(expected, items[..count]);
        Assert.Equal(expected.Select(i => scores[i]), itemScores[..count]);
    }

    private static float[] RandomScores(Random random, int n, int distinct, double nanRate)
    {
        var scores = new float[n];
        for (var i = 0; i < n; i++)
        {
            scores[i] = random.NextDouble() < nanRate ? float.NaN : random.Next(distinct) - (distinct / 2);
        }

        // An infinity at each end when there is room, to check that extremes rank right.
        if (n > 2)
        {
            scores[random.Next(n)] = float.PositiveInfinity;
            scores[random.Next(n)] = float.NegativeInfinity;
        }

        return scores;
    }

    private static bool[] RandomSkips(Random random, int n)
    {
        var skip = new bool[n];
        for (var i = 0; i < n; i++)
        {
            skip[i] = random.Next(4) == 0;
        }

        return skip;
    }
}
