using Affinity.Core.Recommending;
using Affinity.Evaluation.Metrics;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Running;

/// <summary>
/// New-item ranking: every user with test interactions ranks the held-out items only (the items of
/// the test part, which had no training interactions), and the relevant items are the user's test
/// items. Restricting the candidates to the cold items is the item cold-start evaluation of DropoutNet
/// (Volkovs, Yu and Poutanen, NeurIPS 2017, CiteULike cold-start: recall over the new items) on
/// Kula's 20% held-out-item split; it measures how well a model orders items it never saw used,
/// which a full ranking would drown under the warm items every collaborative model prefers.
/// </summary>
/// <remarks>
/// Metrics are means over users with at least one relevant item; AUC is over the candidates
/// (cold items) only. Ties are broken at random, seeded by the protocol seed and the user
/// (<see cref="RankingInputs.ShuffleTies"/>), not by item index as elsewhere: a model that gives every
/// new item the same score must rank them by chance, while ML-100K's item indexes follow popularity
/// (index order alone gives an AUC of 0.76 on the held-out items). <see cref="ColdStartMetrics.FallbackShare"/> reports how many users got the model's
/// fallback list (a collaborative model still scores its known users; cold items then tie).
/// </remarks>
internal sealed class ColdItemMeasure(EvaluationProtocol protocol, MetricSpec[] metrics, int topK) : FoldMeasure
{
    public override IReadOnlyList<string> ExtraMetrics => [ColdStartMetrics.FallbackShare];

    public override FoldOutcome Measure(DataSplit split, IRecommender model)
    {
        var relevantByUser = RankingInputs.RelevantItems(split.Test, protocol.RelevanceThreshold);
        var candidates = ColdItemSplitter.HeldOutItems(split);
        return RankingInputs.MeasureColdStart(metrics, relevantByUser, split.Train.ItemCount, protocol.Seed, topK,
            user => model.Recommend(new RecommendRequest(user, candidates.Length) { Candidates = candidates }));
    }
}
