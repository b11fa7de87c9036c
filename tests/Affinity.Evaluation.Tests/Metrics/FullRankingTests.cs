using Affinity.Core.Kernels;
using Affinity.Evaluation.Metrics;

namespace Affinity.Evaluation.Tests.Metrics;

public sealed class FullRankingTests
{
    [Fact]
    public void Ranks_follow_score_then_smaller_index_among_candidates()
    {
        // Item 4 is not a candidate (seen in training). Candidate order: 1 (0.9), then the 0.5 tie by index 0, 2, 5, then 3 (0.1).
        // Relevant 5 sits at position 3 and relevant 1 at 0; 5 candidates.
        float[] scores = [0.5f, 0.9f, 0.5f, 0.1f, 0.7f, 0.5f];
        bool[] candidate = [true, true, true, true, false, true];
        var ranking = FullRanking.Rank(scores, candidate, [5, 1]);
        Assert.Equal([0, 3], ranking.RelevantRanks);
        Assert.Equal(5, ranking.CandidateCount);
    }

    [Fact]
    public void Empty_flags_make_every_item_a_candidate()
    {
        // Order: 1 (0.9), 4 (0.7), 0, 2, 5 (0.5 by index), 3 (0.1): relevant 1 -> 0, 5 -> 4.
        float[] scores = [0.5f, 0.9f, 0.5f, 0.1f, 0.7f, 0.5f];
        var ranking = FullRanking.Rank(scores, [], [1, 5]);
        Assert.Equal([0, 4], ranking.RelevantRanks);
        Assert.Equal(6, ranking.CandidateCount);
    }

    [Fact]
    public void Nan_scores_go_last_by_index_and_signed_zeros_tie()
    {
        // Order: 2 (1.0), then 0 and 3 tie at zero (+0 and -0) by index, then NaN items 1 and 4 by index.
        float[] scores = [0f, float.NaN, 1f, -0f, float.NaN];
        Assert.Equal([2], FullRanking.Rank(scores, [], [3]).RelevantRanks);
        Assert.Equal([1], FullRanking.Rank(scores, [], [0]).RelevantRanks);
        Assert.Equal([3, 4], FullRanking.Rank(scores, [], [4, 1]).RelevantRanks);
    }

    [Fact]
    public void Negative_and_infinite_scores_order_correctly()
    {
        // Order: 3 (+inf), 1 (2), 0 (-1), 4 (-1.5), 2 (-inf).
        float[] scores = [-1f, 2f, float.NegativeInfinity, float.PositiveInfinity, -1.5f];
        Assert.Equal([0, 1, 2, 3, 4], FullRanking.Rank(scores, [], [3, 1, 0, 4, 2]).RelevantRanks);
    }

    [Fact]
    public void No_relevant_items_still_count_candidates()
    {
        var ranking = FullRanking.Rank([0.1f, 0.2f, 0.3f], [true, false, true], []);
        Assert.Empty(ranking.RelevantRanks);
        Assert.Equal(2, ranking.CandidateCount);
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        float[] scores = [0.1f, 0.2f, 0.3f];
        Assert.Throws<ArgumentException>(() => FullRanking.Rank(scores, [true, true], [0]));
        Assert.Throws<ArgumentException>(() => FullRanking.Rank(scores, [true, false, true], [1]));
        Assert.Throws<ArgumentException>(() => FullRanking.Rank(scores, [], [2, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FullRanking.Rank(scores, [], [3]));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 10)]
    [InlineData(3, 64)]
    [InlineData(4, 65)]
    [InlineData(5, 150)]
    public void Ranks_equal_positions_in_the_list_top_k_selects(int seed, int relevantCount)
    {
        // Scores from a few values so ties are common, some NaN; about a fifth of items are not candidates.
        const int n = 400;
        var random = new Random(seed);
        var scores = new float[n];
        var candidate = new bool[n];
        for (var i = 0; i < n; i++)
        {
            scores[i] = random.Next(10) == 0 ? float.NaN : random.Next(-5, 6) * 0.25f;
            candidate[i] = random.Next(5) != 0;
        }

        var pool = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (candidate[i] && !float.IsNaN(scores[i]))
            {
                pool.Add(i);
            }
        }

        var relevant = pool.OrderBy(_ => random.Next()).Take(relevantCount).ToArray();
        var skip = candidate.Select(c => !c).ToArray();
        var items = new int[n];
        var written = TopK.Select(scores, skip, items, new float[n]);
        var position = new Dictionary<int, int>();
        for (var p = 0; p < written; p++)
        {
            position[items[p]] = p;
        }

        var expected = relevant.Select(r => position[r]).Order().ToArray();
        var ranking = FullRanking.Rank(scores, candidate, relevant);
        Assert.Equal(expected, ranking.RelevantRanks);
        Assert.Equal(candidate.Count(c => c), ranking.CandidateCount);
    }
}
