using Affinity.Core.Recommending;

namespace Affinity.Models.Linear;

/// <summary>
/// What the item-to-item models (EASE, RP3beta) share: a user's score is the weighted sum of the
/// rows of an item x item matrix for the items in the user's history, so training users and
/// fold-in histories go through one <see cref="ScoreWeightedHistory"/>; each model supplies that
/// sum and whether values are binarised.
/// </summary>
/// <remarks>
/// The score of item i is exactly Σ_h B[h, i] × value_h over the history h, so an explanation
/// (<see cref="Explain"/>) lists those terms, one per history item, and they sum to the score.
/// </remarks>
public abstract class ItemToItemModel : ScoringRecommender, IFoldIn, IExplainer
{
    /// <summary>Whether every history item counts 1, whatever its value.</summary>
    protected abstract bool Binarize { get; }

    /// <inheritdoc />
    public override bool CanScore(int user) => HasHistory(user);

    /// <inheritdoc />
    public override void ScoreItems(int user, Span<float> scores)
    {
        var seen = Seen;
        var items = new int[seen.RowLength(user)];
        var weights = new float[items.Length];
        var count = ItemInteractions.Collapse(seen.RowColumns(user), seen.RowValues(user), Binarize, items, weights);
        ScoreWeightedHistory(items.AsSpan(0, count), weights.AsSpan(0, count), scores);
    }

    /// <inheritdoc />
    public Explanation Explain(int user, int item, int maxReasons = 3)
    {
        if (!ExplainsPair(user, item))
        {
            return ExplainFallback(user, item, maxReasons);
        }

        var seen = Seen;
        var items = new int[seen.RowLength(user)];
        var weights = new float[items.Length];
        var count = ItemInteractions.Collapse(seen.RowColumns(user), seen.RowValues(user), Binarize, items, weights);
        var contributions = new double[count];
        var score = 0f;
        for (var k = 0; k < count; k++)
        {
            var term = weights[k] * Entry(items[k], item);
            contributions[k] = term;
            score += term;
        }

        return Explanations.Build(user, item, score, items.AsSpan(0, count), contributions, null, maxReasons);
    }

    /// <inheritdoc />
    /// <remarks>When the model is binarised every history item counts 1, whatever its value.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">An item index is outside the training catalogue.</exception>
    public void ScoreHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> scores)
    {
        if (items.Length != values.Length)
        {
            throw new ArgumentException("Every history item needs a value.", nameof(values));
        }

        if (!Binarize)
        {
            ScoreWeightedHistory(items, values, scores);
            return;
        }

        var ones = new float[items.Length];
        ones.AsSpan().Fill(1);
        ScoreWeightedHistory(items, ones, scores);
    }

    /// <summary>Writes, for every item, the sum over the history of weight x matrix entry (history item, item).</summary>
    protected abstract void ScoreWeightedHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores);

    /// <summary>The matrix entry B[from, to]: how much a history item <paramref name="from"/> adds to the score of <paramref name="to"/> per unit of value (0 when absent).</summary>
    protected abstract float Entry(int from, int to);
}
