using Affinity.Evaluation.Metrics;

namespace Affinity.Evaluation.Tests.Metrics;

public sealed class SampledRankingTests
{
    [Fact]
    public void Rank_counts_higher_negatives_and_ties_against_the_positive()
    {
        // Positive item 1 scores 0.5. Negatives 0 (0.9) and 3 (0.7) score higher, 2 (0.5) ties, 4 (0.1) is lower.
        // Rank = 2 higher + 1 tie = 3 among 5 candidates.
        float[] scores = [0.9f, 0.5f, 0.5f, 0.7f, 0.1f];
        var ranking = SampledRanking.Rank(scores, 1, [0, 2, 3, 4]);
        Assert.Equal([3], ranking.RelevantRanks);
        Assert.Equal(5, ranking.CandidateCount);
    }

    [Fact]
    public void A_constant_model_ranks_its_positive_last()
    {
        float[] scores = [1f, 1f, 1f, 1f];
        var ranking = SampledRanking.Rank(scores, 0, [1, 2, 3]);
        Assert.Equal([3], ranking.RelevantRanks);
        Assert.Equal(0.0, RankingMetrics.HitRate(ranking, 3));
    }

    [Fact]
    public void The_best_positive_ranks_first()
    {
        float[] scores = [0.1f, 0.2f, 0.9f, 0.3f];
        Assert.Equal([0], SampledRanking.Rank(scores, 2, [0, 1, 3]).RelevantRanks);
    }

    [Fact]
    public void Nan_scores_rank_last()
    {
        // NaN positive: last among 1 + 3. NaN negative: below a real positive score.
        float[] scores = [float.NaN, 0.2f, float.NaN, 0.3f];
        Assert.Equal([3], SampledRanking.Rank(scores, 0, [1, 2, 3]).RelevantRanks);
        Assert.Equal([1], SampledRanking.Rank(scores, 1, [0, 2, 3]).RelevantRanks);
    }

    [Fact]
    public void No_negatives_give_a_single_candidate()
    {
        var ranking = SampledRanking.Rank([0.5f], 0, []);
        Assert.Equal([0], ranking.RelevantRanks);
        Assert.Equal(1, ranking.CandidateCount);
    }

    [Fact]
    public void Bad_items_are_rejected()
    {
        float[] scores = [0.1f, 0.2f, 0.3f];
        Assert.Throws<ArgumentOutOfRangeException>(() => SampledRanking.Rank(scores, 3, [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampledRanking.Rank(scores, 0, [1, 7]));
        Assert.Throws<ArgumentException>(() => SampledRanking.Rank(scores, 1, [0, 1]));
    }
}
