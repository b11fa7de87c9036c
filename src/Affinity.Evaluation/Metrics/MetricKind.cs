namespace Affinity.Evaluation.Metrics;

/// <summary>The metrics a <see cref="MetricSpec"/> can name.</summary>
public enum MetricKind
{
    /// <summary>Precision@k, <see cref="RankingMetrics.Precision"/>.</summary>
    Precision,

    /// <summary>Recall@k, <see cref="RankingMetrics.Recall"/>.</summary>
    Recall,

    /// <summary>NDCG@k, <see cref="RankingMetrics.Ndcg"/>.</summary>
    Ndcg,

    /// <summary>MAP@k, the mean of <see cref="RankingMetrics.AveragePrecision"/>.</summary>
    Map,

    /// <summary>MRR@k, the mean of <see cref="RankingMetrics.ReciprocalRank"/>.</summary>
    Mrr,

    /// <summary>HitRate@k, <see cref="RankingMetrics.HitRate"/>.</summary>
    HitRate,

    /// <summary>Per-user AUC, <see cref="RankingMetrics.Auc"/>; no cutoff.</summary>
    Auc,

    /// <summary>Root mean squared rating error, <see cref="RatingMetrics.Rmse"/>; no cutoff.</summary>
    Rmse,

    /// <summary>Mean absolute rating error, <see cref="RatingMetrics.Mae"/>; no cutoff.</summary>
    Mae,
}
