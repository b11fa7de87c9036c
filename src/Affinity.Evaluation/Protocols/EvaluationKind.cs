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

    /// <summary>Top-N ranking of held-out new items only, for every user who later touched them (the item cold-start protocol).</summary>
    ColdItems,

    /// <summary>Top-N ranking over all items for held-out new users, from their given first interactions or attributes alone.</summary>
    ColdUsers,
}
