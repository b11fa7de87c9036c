namespace Affinity.Core.Recommending;

/// <summary>
/// A model that can score items for a history it was not trained on: a new user, or a known user
/// with events added since training. Factor models solve the user's vector against the fixed item
/// factors; neighbourhood and linear models use the history directly. This is what real-time
/// updates stand on.
/// </summary>
public interface IFoldIn : IRecommender
{
    /// <summary>Writes a score for every item, given a history of (item, value) pairs.</summary>
    /// <param name="items">The items of the history (dense indexes of the training data), each at most once.</param>
    /// <param name="values">Their values (ratings, counts or 1), aligned with <paramref name="items"/>.</param>
    /// <param name="scores">Receives one score per item (length = item count); higher is better.</param>
    void ScoreHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> scores);
}
