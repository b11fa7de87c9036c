namespace Affinity.Evaluation.Metrics;

/// <summary>What recall at k divides the hits by.</summary>
public enum RecallDenominator
{
    /// <summary>
    /// The number of relevant items, |rel|: Microsoft Recommenders <c>recall_at_k</c>, RecBole
    /// <c>Recall</c>. A user with more relevant items than k can never reach 1.
    /// </summary>
    RelevantCount,

    /// <summary>
    /// min(k, |rel|): LensKit <c>Recall</c> and the "Recall@R" of Liang et al., "Variational
    /// Autoencoders for Collaborative Filtering" (WWW 2018). A perfect top k scores 1.
    /// </summary>
    MinOfKAndRelevant,
}
