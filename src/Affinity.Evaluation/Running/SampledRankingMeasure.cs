using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Evaluation.Metrics;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Running;

/// <summary>
/// Sampled ranking, the NCF protocol (He et al. 2017): each test item is ranked among
/// <see cref="EvaluationProtocol.SampledNegatives"/> items the user never interacted with anywhere
/// in the data, drawn uniformly at random with a seed per user. Ties with a negative are broken by
/// the smaller item index, as everywhere in Affinity. A user with several test items gets one
/// ranking per item and the mean of their metric values.
/// </summary>
internal sealed class SampledRankingMeasure(EvaluationProtocol protocol, Dataset all, MetricSpec[] metrics, int topK) : FoldMeasure
{
    public override FoldOutcome Measure(DataSplit split, IRecommender model)
    {
        var relevantByUser = RankingInputs.RelevantItems(split.Test, protocol.RelevanceThreshold);
        var users = Enumerable.Range(0, relevantByUser.Length).Where(u => relevantByUser[u].Length > 0).ToArray();
        var history = all.ByUser;
        var perUser = metrics.ToDictionary(m => m.ToString(), _ => new double[users.Length], StringComparer.Ordinal);
        var tops = new int[users.Length][];
        var scored = new Prediction[users.Length][];
        Parallel.For(0, users.Length, () => new int[all.ItemCount], (k, _, position) =>
        {
            var user = users[k];
            var predictions = new List<Prediction>();
            foreach (var positive in relevantByUser[user])
            {
                var candidates = SampleNegatives(user, history.RowColumns(user), all.ItemCount);
                candidates.Add(positive);
                var list = model.Recommend(new RecommendRequest(user, candidates.Count) { Candidates = candidates }).Items;
                var (ranking, scores) = RankingInputs.Rank(user, list, [positive], position);
                predictions.AddRange(scores);
                tops[k] ??= RankingInputs.Top(list, topK);
                foreach (var metric in metrics)
                {
                    perUser[metric.ToString()][k] += ranking is null ? 0 : metric.Compute(ranking) / relevantByUser[user].Length;
                }
            }

            scored[k] = [.. predictions];
            return position;
        }, _ => { });

        var values = perUser.ToDictionary(p => p.Key, p => p.Value.Length == 0 ? double.NaN : p.Value.Average(), StringComparer.Ordinal);
        return new FoldOutcome(values, perUser, scored.SelectMany(s => s).ToArray(), users.Select((u, k) => (u, tops[k])).ToArray());
    }

    private List<int> SampleNegatives(int user, ReadOnlySpan<int> seen, int itemCount)
    {
        var available = itemCount - seen.Length;
        var wanted = Math.Min(protocol.SampledNegatives, available);
        // A fixed mix of seed and user (not HashCode, which is salted per process) keeps runs repeatable.
        var random = new Random(unchecked((protocol.Seed * 1_000_003) + user));
        var chosen = new HashSet<int>();
        while (chosen.Count < wanted)
        {
            var item = random.Next(itemCount);
            if (seen.BinarySearch(item) < 0)
            {
                chosen.Add(item);
            }
        }

        return [.. chosen.Order()];
    }
}
