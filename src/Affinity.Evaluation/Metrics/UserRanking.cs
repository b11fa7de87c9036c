namespace Affinity.Evaluation.Metrics;

/// <summary>
/// Where one user's relevant (held-out) items landed in a model's ordering of the candidate items.
/// Every ranking metric is a function of this: ranks are 0-based positions among the
/// <see cref="CandidateCount"/> ranked candidates, sorted ascending. Under full ranking the
/// candidates are all items the user has not seen in training; under sampled ranking (the NCF
/// protocol) they are the positive plus the sampled negatives.
/// </summary>
/// <param name="RelevantRanks">The 0-based rank of each relevant item, ascending.</param>
/// <param name="CandidateCount">How many candidates were ranked.</param>
public sealed record UserRanking(int[] RelevantRanks, int CandidateCount)
{
    /// <summary>The number of relevant items.</summary>
    public int RelevantCount => RelevantRanks.Length;
}
