using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Evaluation.Metrics;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Running;

/// <summary>
/// Full ranking: every test user gets the model's complete ordering of the items not seen in
/// training (and, where the protocol masks them, not in validation); the relevant items are the
/// user's test items (with a value at or above the protocol's threshold, when it has one). A
/// relevant item that is also in the user's training history cannot be recommended and is not
/// counted; users left with no relevant item are not evaluated.
/// </summary>
internal sealed class FullRankingMeasure(EvaluationProtocol protocol, MetricSpec[] metrics, int topK) : FoldMeasure
{
    public override IReadOnlyList<string> ExtraMetrics => RankingInputs.BeyondAccuracyNames(topK);

    public override FoldOutcome Measure(DataSplit split, IRecommender model)
    {
        var relevantByUser = RankingInputs.RelevantItems(split.Test, protocol.RelevanceThreshold);
        var masked = protocol.ExcludeValidationFromCandidates ? split.Validation?.ByUser : null;
        var users = Enumerable.Range(0, relevantByUser.Length).Where(u => relevantByUser[u].Length > 0).ToArray();
        var rankings = new UserRanking?[users.Length];
        var tops = new int[users.Length][];
        var scored = new Prediction[users.Length][];
        Parallel.For(0, users.Length, () => new int[split.Train.ItemCount], (k, _, position) =>
        {
            var user = users[k];
            var request = new RecommendRequest(user, split.Train.ItemCount) { Exclude = masked is null ? null : masked.RowColumns(user).ToArray() };
            var list = model.Recommend(request).Items;
            (rankings[k], scored[k]) = RankingInputs.Rank(user, list, relevantByUser[user], position);
            tops[k] = RankingInputs.Top(list, topK);
            return position;
        }, _ => { });
        return RankingInputs.Outcome(metrics, split.Train, topK, users, rankings, tops, scored);
    }
}
