using Affinity.Evaluation.Metrics;

namespace Affinity.Evaluation.Tests.Metrics;

public sealed class RankingMetricsTests
{
    private const double Tolerance = 1e-12;

    // Ten candidates, relevant items at ranks 0, 2 and 5 (positions 1, 3 and 6 of the list).
    private static readonly UserRanking Mixed = new([0, 2, 5], 10);

    [Fact]
    public void Precision_divides_hits_in_the_top_k_by_k()
    {
        // Top 3 holds ranks 0 and 2: 2 / 3. Top 6 holds all three: 3 / 6.
        Assert.Equal(2.0 / 3, RankingMetrics.Precision(Mixed, 3), Tolerance);
        Assert.Equal(0.5, RankingMetrics.Precision(Mixed, 6), Tolerance);
    }

    [Fact]
    public void Recall_divides_by_the_relevant_count_or_by_min_of_k_and_it()
    {
        // Top 2 holds rank 0 only: 1 / |rel| = 1 / 3; LensKit's 1 / min(2, 3) = 1 / 2.
        Assert.Equal(1.0 / 3, RankingMetrics.Recall(Mixed, 2), Tolerance);
        Assert.Equal(0.5, RankingMetrics.Recall(Mixed, 2, RecallDenominator.MinOfKAndRelevant), Tolerance);

        // Top 3 holds 2 of 3; min(3, 3) = 3, so both read 2 / 3.
        Assert.Equal(2.0 / 3, RankingMetrics.Recall(Mixed, 3), Tolerance);
        Assert.Equal(2.0 / 3, RankingMetrics.Recall(Mixed, 3, RecallDenominator.MinOfKAndRelevant), Tolerance);
    }

    [Fact]
    public void Ndcg_uses_binary_gain_log2_discount_and_an_ideal_over_min_of_k_and_relevant()
    {
        // DCG@3 = 1/log2(2) + 1/log2(4) = 1 + 0.5 = 1.5.
        // IDCG@3 (3 relevant) = 1 + 1/log2(3) + 1/log2(4) = 1 + 0.6309297535714575 + 0.5.
        Assert.Equal(1.5 / (1.5 + (1 / Math.Log2(3))), RankingMetrics.Ndcg(Mixed, 3), Tolerance);

        // NDCG@1: the top item is relevant, DCG = IDCG = 1.
        Assert.Equal(1.0, RankingMetrics.Ndcg(Mixed, 1), Tolerance);

        // NDCG@10 = (1 + 1/log2(4) + 1/log2(7)) / (1 + 1/log2(3) + 1/log2(4)).
        var dcg = 1 + 0.5 + (1 / Math.Log2(7));
        var idcg = 1 + (1 / Math.Log2(3)) + 0.5;
        Assert.Equal(dcg / idcg, RankingMetrics.Ndcg(Mixed, 10), Tolerance);
    }

    [Fact]
    public void Ndcg_ideal_is_capped_by_k_when_the_user_has_more_relevant_items()
    {
        // Ranks 1, 2 and 3 of 5 candidates, k = 1: no hit, 0.
        // k = 2: one hit at rank 1, DCG = 1/log2(3); IDCG over min(2, 3) = 2 positions = 1 + 1/log2(3).
        var ranking = new UserRanking([1, 2, 3], 5);
        Assert.Equal(0.0, RankingMetrics.Ndcg(ranking, 1));
        var d1 = 1 / Math.Log2(3);
        Assert.Equal(d1 / (1 + d1), RankingMetrics.Ndcg(ranking, 2), Tolerance);
    }

    [Fact]
    public void Average_precision_sums_precision_at_each_hit_and_divides_by_the_chosen_normalizer()
    {
        // k = 6: precisions at the hits are 1/1, 2/3 and 3/6; sum 2.1666…; /3 either way (min(6, 3) = 3).
        var sum = 1 + (2.0 / 3) + 0.5;
        Assert.Equal(sum / 3, RankingMetrics.AveragePrecision(Mixed, 6, MapNormalizer.RelevantCount), Tolerance);
        Assert.Equal(sum / 3, RankingMetrics.AveragePrecision(Mixed, 6, MapNormalizer.MinOfKAndRelevant), Tolerance);

        // k = 2: one hit, precision 1/1; Microsoft Recommenders' map: 1 / 3; RecBole: 1 / min(2, 3) = 1 / 2.
        Assert.Equal(1.0 / 3, RankingMetrics.AveragePrecision(Mixed, 2, MapNormalizer.RelevantCount), Tolerance);
        Assert.Equal(0.5, RankingMetrics.AveragePrecision(Mixed, 2, MapNormalizer.MinOfKAndRelevant), Tolerance);
    }

    [Fact]
    public void Reciprocal_rank_counts_only_a_first_hit_within_k()
    {
        // First relevant item at rank 4, position 5: 1/5 when k = 5, nothing when k = 4.
        var ranking = new UserRanking([4, 7], 10);
        Assert.Equal(0.2, RankingMetrics.ReciprocalRank(ranking, 5), Tolerance);
        Assert.Equal(0.0, RankingMetrics.ReciprocalRank(ranking, 4));
        Assert.Equal(1.0, RankingMetrics.ReciprocalRank(Mixed, 3));
    }

    [Fact]
    public void Hit_rate_is_one_when_any_relevant_item_is_in_the_top_k()
    {
        var ranking = new UserRanking([4, 7], 10);
        Assert.Equal(1.0, RankingMetrics.HitRate(ranking, 5));
        Assert.Equal(0.0, RankingMetrics.HitRate(ranking, 4));
    }

    [Fact]
    public void Auc_counts_correctly_ordered_relevant_negative_pairs()
    {
        // 10 candidates, 3 relevant, 7 negatives.
        // rank 0 (j = 0): 10 - 0 - 1 = 9 below, 2 of them relevant -> 7 negatives below.
        // rank 2 (j = 1): 10 - 2 - 1 = 7 below, 1 relevant -> 6.
        // rank 5 (j = 2): 10 - 5 - 1 = 4 below, 0 relevant -> 4.
        // AUC = (7 + 6 + 4) / (3 * 7) = 17 / 21.
        Assert.Equal(17.0 / 21, RankingMetrics.Auc(Mixed), Tolerance);

        // Relevant items at the very bottom: ranks 8 and 9 of 10 beat no negative.
        Assert.Equal(0.0, RankingMetrics.Auc(new UserRanking([8, 9], 10)));

        // At the very top: every pair correct.
        Assert.Equal(1.0, RankingMetrics.Auc(new UserRanking([0, 1], 10)));
    }

    [Fact]
    public void No_hits_score_zero_everywhere()
    {
        // Ranks 5 and 8 of 10, k = 5: no hit.
        var ranking = new UserRanking([5, 8], 10);
        Assert.Equal(0.0, RankingMetrics.Precision(ranking, 5));
        Assert.Equal(0.0, RankingMetrics.Recall(ranking, 5));
        Assert.Equal(0.0, RankingMetrics.Ndcg(ranking, 5));
        Assert.Equal(0.0, RankingMetrics.AveragePrecision(ranking, 5, MapNormalizer.RelevantCount));
        Assert.Equal(0.0, RankingMetrics.ReciprocalRank(ranking, 5));
        Assert.Equal(0.0, RankingMetrics.HitRate(ranking, 5));

        // AUC still sees the order: rank 5 has 10 - 5 - 1 - 1 = 3 negatives below, rank 8 has 1; (3 + 1) / (2 * 8) = 0.25.
        Assert.Equal(0.25, RankingMetrics.Auc(ranking), Tolerance);
    }

    [Fact]
    public void All_hits_with_k_beyond_the_candidates()
    {
        // Three candidates, all relevant, k = 10.
        var ranking = new UserRanking([0, 1, 2], 3);

        // Precision keeps k as denominator (Microsoft Recommenders): 3 / 10.
        Assert.Equal(0.3, RankingMetrics.Precision(ranking, 10), Tolerance);
        Assert.Equal(1.0, RankingMetrics.Recall(ranking, 10), Tolerance);

        // DCG = IDCG over min(10, 3) = 3 positions.
        Assert.Equal(1.0, RankingMetrics.Ndcg(ranking, 10), Tolerance);

        // Precisions 1/1, 2/2, 3/3 over 3 relevant.
        Assert.Equal(1.0, RankingMetrics.AveragePrecision(ranking, 10, MapNormalizer.RelevantCount), Tolerance);
        Assert.Equal(1.0, RankingMetrics.AveragePrecision(ranking, 10, MapNormalizer.MinOfKAndRelevant), Tolerance);
        Assert.Equal(1.0, RankingMetrics.ReciprocalRank(ranking, 10));
        Assert.Equal(1.0, RankingMetrics.HitRate(ranking, 10));

        // No negatives: no pair to order.
        Assert.True(double.IsNaN(RankingMetrics.Auc(ranking)));
    }

    [Fact]
    public void A_user_without_relevant_items_is_undefined_where_the_formula_divides_by_them()
    {
        var ranking = new UserRanking([], 10);
        Assert.Equal(0.0, RankingMetrics.Precision(ranking, 5));
        Assert.True(double.IsNaN(RankingMetrics.Recall(ranking, 5)));
        Assert.True(double.IsNaN(RankingMetrics.Ndcg(ranking, 5)));
        Assert.True(double.IsNaN(RankingMetrics.AveragePrecision(ranking, 5, MapNormalizer.MinOfKAndRelevant)));
        Assert.Equal(0.0, RankingMetrics.ReciprocalRank(ranking, 5));
        Assert.Equal(0.0, RankingMetrics.HitRate(ranking, 5));
        Assert.True(double.IsNaN(RankingMetrics.Auc(ranking)));
    }

    [Fact]
    public void Cutoffs_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.Precision(Mixed, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.Ndcg(Mixed, -1));
    }

    [Fact]
    public void Ndcg_past_the_precomputed_table_matches_the_direct_sum()
    {
        // 1500 relevant items at ranks 0..1499 of 2000: a perfect ranking at any k.
        var ranks = new int[1500];
        for (var i = 0; i < ranks.Length; i++)
        {
            ranks[i] = i;
        }

        var perfect = new UserRanking(ranks, 2000);
        Assert.Equal(1.0, RankingMetrics.Ndcg(perfect, 1200), Tolerance);
        Assert.Equal(1.0, RankingMetrics.Ndcg(perfect, 2000), Tolerance);
        Assert.Equal(1 / Math.Log2(2002), RankingMetrics.Discount(2000), Tolerance);

        // Shift every rank down by one (rank 0 empty): DCG = Σ_{r=1}^{1500} 1/log2(r+2), IDCG = Σ_{i=0}^{1499} 1/log2(i+2).
        var shifted = new int[1500];
        var dcg = 0.0;
        var idcg = 0.0;
        for (var i = 0; i < shifted.Length; i++)
        {
            shifted[i] = i + 1;
            dcg += 1 / Math.Log2(i + 3.0);
            idcg += 1 / Math.Log2(i + 2.0);
        }

        Assert.Equal(dcg / idcg, RankingMetrics.Ndcg(new UserRanking(shifted, 2000), 2000), 1e-10);
    }

    [Fact]
    public void Metrics_do_not_allocate()
    {
        var ranking = new UserRanking([0, 2, 5, 40], 50);
        var spec = MetricSpec.Parse("MAP@10:min");
        var sink = Score(ranking) + spec.Compute(ranking);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            sink += Score(ranking) + spec.Compute(ranking);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(sink > 0);

        static double Score(UserRanking r)
            => RankingMetrics.Precision(r, 10) + RankingMetrics.Recall(r, 10) + RankingMetrics.Ndcg(r, 10)
               + RankingMetrics.AveragePrecision(r, 10, MapNormalizer.RelevantCount) + RankingMetrics.ReciprocalRank(r, 10)
               + RankingMetrics.HitRate(r, 10) + RankingMetrics.Auc(r);
    }
}
