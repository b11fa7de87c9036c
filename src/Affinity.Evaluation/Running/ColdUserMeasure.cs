using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Evaluation.Metrics;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Running;

/// <summary>
/// New-user ranking: every held-out user with test interactions is recommended from the history the
/// split gives them (<see cref="DataSplit.Validation"/>, their first n interactions) and ranked over
/// every item except that history; the relevant items are the rest of their interactions.
/// </summary>
/// <remarks>
/// <para>With a history, a model that implements <see cref="IFoldIn"/> scores it
/// (<see cref="FoldIn.Recommend"/>); any other model is asked for the user as usual with the history
/// excluded, which, for a user it never saw, gives its flagged unknown-user fallback. With no history
/// (n = 0) every model is asked for the user as usual: a model that scores users from their attributes
/// does so, the others fall back. <see cref="ColdStartMetrics.FallbackShare"/> reports how many users
/// got a fallback list; fold-in lists always count as the model's own.</para>
/// <para>Ties are broken at random, seeded by the protocol seed and the user, as in <see cref="ColdItemMeasure"/>.</para>
/// <para>The fold-in path hands the model the history only, not the user's index, so a hybrid model
/// cannot add the user's attributes to a folded-in history through <see cref="IFoldIn"/>.</para>
/// </remarks>
internal sealed class ColdUserMeasure(EvaluationProtocol protocol, MetricSpec[] metrics, int topK) : FoldMeasure
{
    public override IReadOnlyList<string> ExtraMetrics => [ColdStartMetrics.FallbackShare];

    public override FoldOutcome Measure(DataSplit split, IRecommender model)
    {
        var relevantByUser = RankingInputs.RelevantItems(split.Test, protocol.RelevanceThreshold);
        var given = (split.Validation ?? throw new InvalidOperationException($"The split '{split.Name}' carries no given histories; the new-user measure needs a ColdUserSplitter split.")).ByUser;
        var itemCount = split.Train.ItemCount;
        return RankingInputs.MeasureColdStart(metrics, relevantByUser, itemCount, protocol.Seed, topK, user => Recommend(model, user, given, itemCount));
    }

    /// <summary>The user's full ranking from their given history, through fold-in where the model has it.</summary>
    public static RecommendationList Recommend(IRecommender model, int user, CsrMatrix given, int itemCount)
    {
        var items = (uint)user < (uint)given.RowCount ? given.RowColumns(user) : [];
        var request = new RecommendRequest(user, itemCount);
        if (items.IsEmpty)
        {
            return model.Recommend(request);
        }

        return model is IFoldIn foldIn
            ? FoldIn.Recommend(foldIn, itemCount, items, given.RowValues(user), request)
            : model.Recommend(request with { Exclude = items.ToArray() });
    }
}
