namespace Affinity.Evaluation.Metrics;

/// <summary>
/// Ranking metrics for one user under binary relevance, computed from a <see cref="UserRanking"/>
/// without allocating. Ranks are 0-based, so the item at rank r sits at position r + 1 of the list.
/// "Hits" are the relevant items with rank &lt; k. Where a metric is undefined for a user it returns
/// <see cref="double.NaN"/>, and <see cref="RankingEvaluation"/> leaves that user out of the mean.
/// </summary>
/// <remarks>
/// The ranks must be ascending, distinct and below <see cref="UserRanking.CandidateCount"/>, as
/// <see cref="FullRanking"/> and <see cref="SampledRanking"/> produce them; these functions do not
/// check (<see cref="RankingEvaluation"/> does, once per user).
/// </remarks>
public static class RankingMetrics
{
    private const int TableSize = 1024;

    // Discounts[i] = 1 / log2(i + 2); IdealDcg[n] = Discounts[0] + ... + Discounts[n - 1].
    private static readonly double[] Discounts = BuildDiscounts();
    private static readonly double[] IdealDcg = BuildIdealDcg();

    /// <summary>The number of relevant items ranked within the top k.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is not positive.</exception>
    public static int Hits(UserRanking ranking, int k)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var ranks = ranking.RelevantRanks;
        var hits = 0;
        while (hits < ranks.Length && ranks[hits] < k)
        {
            hits++;
        }

        return hits;
    }

    /// <summary>
    /// Precision@k = hits / k, as Microsoft Recommenders <c>precision_at_k</c> and RecBole
    /// <c>Precision</c>: the denominator is k even when fewer than k candidates exist, so a user
    /// with 3 candidates scores at most 3/k.
    /// </summary>
    public static double Precision(UserRanking ranking, int k) => (double)Hits(ranking, k) / k;

    /// <summary>
    /// Recall@k = hits / |rel| (Microsoft Recommenders <c>recall_at_k</c>, RecBole <c>Recall</c>),
    /// or hits / min(k, |rel|) with <see cref="RecallDenominator.MinOfKAndRelevant"/> (LensKit).
    /// NaN when the user has no relevant items.
    /// </summary>
    public static double Recall(UserRanking ranking, int k, RecallDenominator denominator = RecallDenominator.RelevantCount)
    {
        var hits = Hits(ranking, k);
        var relevant = ranking.RelevantCount;
        if (relevant == 0)
        {
            return double.NaN;
        }

        var divisor = denominator switch
        {
            RecallDenominator.RelevantCount => relevant,
            RecallDenominator.MinOfKAndRelevant => Math.Min(k, relevant),
            _ => throw new ArgumentOutOfRangeException(nameof(denominator), denominator, "Unknown recall denominator."),
        };
        return (double)hits / divisor;
    }

    /// <summary>
    /// NDCG@k with binary gain: DCG = Σ over hits of 1 / log2(rank + 2), divided by the ideal
    /// IDCG = Σ_{i=0}^{min(k, |rel|) - 1} 1 / log2(i + 2). This is Microsoft Recommenders
    /// <c>ndcg_at_k</c> (score_type "binary"; its default natural-log discount cancels in the ratio)
    /// and RecBole <c>NDCG</c>. With binary relevance the "raw" gain rel and the "exponential" gain
    /// 2^rel - 1 coincide, so there is no gain choice to make. NaN when the user has no relevant items.
    /// </summary>
    public static double Ndcg(UserRanking ranking, int k)
    {
        var hits = Hits(ranking, k);
        var relevant = ranking.RelevantCount;
        if (relevant == 0)
        {
            return double.NaN;
        }

        var ranks = ranking.RelevantRanks;
        var dcg = 0.0;
        for (var j = 0; j < hits; j++)
        {
            dcg += Discount(ranks[j]);
        }

        return dcg / IdealDiscountedGain(Math.Min(k, relevant));
    }

    /// <summary>
    /// Average precision at k: Σ over hits of precision at that hit's position, that is
    /// Σ_{j &lt; hits} (j + 1) / (rank_j + 1), divided by |rel|
    /// (<see cref="MapNormalizer.RelevantCount"/>, Microsoft Recommenders <c>map</c>) or by
    /// min(k, |rel|) (<see cref="MapNormalizer.MinOfKAndRelevant"/>, RecBole and ml_metrics
    /// <c>apk</c>). Its mean over users is MAP@k. NaN when the user has no relevant items.
    /// </summary>
    public static double AveragePrecision(UserRanking ranking, int k, MapNormalizer normalizer)
    {
        var hits = Hits(ranking, k);
        var relevant = ranking.RelevantCount;
        if (relevant == 0)
        {
            return double.NaN;
        }

        var divisor = normalizer switch
        {
            MapNormalizer.RelevantCount => relevant,
            MapNormalizer.MinOfKAndRelevant => Math.Min(k, relevant),
            _ => throw new ArgumentOutOfRangeException(nameof(normalizer), normalizer, "Unknown MAP normalizer."),
        };
        var ranks = ranking.RelevantRanks;
        var sum = 0.0;
        for (var j = 0; j < hits; j++)
        {
            sum += (j + 1.0) / (ranks[j] + 1.0);
        }

        return sum / divisor;
    }

    /// <summary>
    /// Reciprocal rank at k: 1 / (rank + 1) of the best-ranked relevant item when that rank is below
    /// k, else 0 (RecBole <c>MRR</c>). Its mean over users is MRR@k.
    /// </summary>
    public static double ReciprocalRank(UserRanking ranking, int k)
        => Hits(ranking, k) > 0 ? 1.0 / (ranking.RelevantRanks[0] + 1.0) : 0.0;

    /// <summary>
    /// Hit rate at k: 1 when at least one relevant item is in the top k, else 0 (RecBole <c>Hit</c>;
    /// the HR@k of the NCF protocol, where each user has one relevant item).
    /// </summary>
    public static double HitRate(UserRanking ranking, int k) => Hits(ranking, k) > 0 ? 1.0 : 0.0;

    /// <summary>
    /// Per-user AUC as in MyMediaLite (<c>Eval.Measures.AUC</c>): the fraction of (relevant,
    /// non-relevant candidate) pairs in which the relevant item ranks higher. The relevant item j
    /// (0-based, ascending ranks) at rank r_j has CandidateCount - r_j - 1 candidates below it, of which
    /// |rel| - j - 1 are relevant, so
    /// AUC = Σ_j (CandidateCount - r_j - 1 - (|rel| - j - 1)) / (|rel| · (CandidateCount - |rel|)),
    /// which is the mean over relevant items of the share of negatives each one beats.
    /// </summary>
    /// <returns>
    /// The AUC, or NaN when the user has no relevant items or no negatives (every candidate
    /// relevant): no pair exists. MyMediaLite returns 0.5 there; we return NaN so that
    /// <see cref="RankingEvaluation"/> skips the user instead of counting a made-up value.
    /// </returns>
    public static double Auc(UserRanking ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        var ranks = ranking.RelevantRanks;
        var relevant = ranks.Length;
        var negatives = ranking.CandidateCount - relevant;
        if (relevant == 0 || negatives <= 0)
        {
            return double.NaN;
        }

        // Pairs counted in long: CandidateCount · |rel| can pass int.MaxValue under full ranking.
        long correctPairs = 0;
        for (var j = 0; j < relevant; j++)
        {
            correctPairs += ranking.CandidateCount - ranks[j] - 1 - (relevant - j - 1);
        }

        return correctPairs / ((double)relevant * negatives);
    }

    /// <summary>1 / log2(rank + 2), the NDCG discount of a 0-based rank.</summary>
    public static double Discount(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        return rank < TableSize ? Discounts[rank] : 1.0 / Math.Log2(rank + 2.0);
    }

    private static double IdealDiscountedGain(int count)
    {
        if (count <= TableSize)
        {
            return IdealDcg[count];
        }

        var sum = IdealDcg[TableSize];
        for (var i = TableSize; i < count; i++)
        {
            sum += 1.0 / Math.Log2(i + 2.0);
        }

        return sum;
    }

    private static double[] BuildDiscounts()
    {
        var table = new double[TableSize];
        for (var i = 0; i < TableSize; i++)
        {
            table[i] = 1.0 / Math.Log2(i + 2.0);
        }

        return table;
    }

    private static double[] BuildIdealDcg()
    {
        var table = new double[TableSize + 1];
        for (var i = 0; i < TableSize; i++)
        {
            table[i + 1] = table[i] + (1.0 / Math.Log2(i + 2.0));
        }

        return table;
    }
}
