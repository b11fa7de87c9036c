namespace Affinity.Evaluation.Protocols;

/// <summary>What a protocol measures.</summary>
public enum EvaluationKind
{
    /// <summary>Rating prediction on held-out (user, item, rating) triples: RMSE, MAE.</summary>
    Rating,

    /// <summary>Top-N ranking over every item the user has not seen in training.</summary>
    FullRanking,

    /// <summary>Top-N ranking of each held-out item among sampled negatives (the NCF protocol).</summary>
    SampledRanking,
}
