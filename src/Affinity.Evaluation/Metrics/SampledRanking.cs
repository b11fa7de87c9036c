namespace Affinity.Evaluation.Metrics;

/// <summary>
/// Ranks one held-out positive among sampled negatives, the protocol of He et al., "Neural
/// Collaborative Filtering" (WWW 2017): HR@10 and NDCG@10 over the positive plus 99 sampled items.
/// </summary>
public static class SampledRanking
{
    /// <summary>
    /// The positive's 0-based rank among itself and the negatives: the number of negatives scoring
    /// strictly higher plus the number scoring the same. Ties count against the positive
    /// (pessimistic), so a model that scores every item alike ranks its positive last instead of
    /// first; an optimistic or random tie-break would reward such a model. A NaN positive score
    /// ranks last; a negative with a NaN score ranks below any positive with a real score (as
    /// <see cref="Core.Kernels.TopK"/> never selects NaN scores).
    /// </summary>
    /// <param name="scores">The model's score for every item.</param>
    /// <param name="positive">The held-out item.</param>
    /// <param name="negatives">The sampled items, none equal to <paramref name="positive"/>.</param>
    /// <returns>A ranking with one relevant item among <c>negatives.Length + 1</c> candidates.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An item is outside <paramref name="scores"/>.</exception>
    /// <exception cref="ArgumentException">The positive is among the negatives.</exception>
    public static UserRanking Rank(ReadOnlySpan<float> scores, int positive, ReadOnlySpan<int> negatives)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(positive);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(positive, scores.Length);
        var score = scores[positive];
        var above = 0;
        foreach (var negative in negatives)
        {
            if ((uint)negative >= (uint)scores.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(negatives), negative, $"Negative item {negative} is outside the {scores.Length} scored items.");
            }

            if (negative == positive)
            {
                throw new ArgumentException($"The positive item {positive} is among the negatives.", nameof(negatives));
            }

            if (scores[negative] >= score)
            {
                above++;
            }
        }

        return new UserRanking([float.IsNaN(score) ? negatives.Length : above], negatives.Length + 1);
    }
}
