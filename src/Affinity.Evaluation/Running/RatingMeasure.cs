using Affinity.Core.Recommending;
using Affinity.Evaluation.Metrics;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Running;

/// <summary>
/// Rating prediction: every test triple is predicted; RMSE and MAE are taken over all test ratings
/// (as Surprise and MyMediaLite do, not averaged per user). Per-user RMSE and MAE are kept for
/// paired tests.
/// </summary>
internal sealed class RatingMeasure(MetricSpec[] metrics) : FoldMeasure
{
    public override FoldOutcome Measure(DataSplit split, IRecommender model)
    {
        var ranking = metrics.FirstOrDefault(m => m.IsRankingMetric);
        if (ranking is not null)
        {
            throw new ArgumentException($"'{ranking}' is a ranking metric; a rating protocol reports RMSE and MAE.");
        }

        var predictor = model as IRatingPredictor
            ?? throw new InvalidOperationException($"The model '{model.Name}' does not predict ratings, so it cannot run a rating protocol.");
        var test = split.Test;
        var predicted = new float[test.Count];
        var actual = test.Values.ToArray();
        var users = test.UserIndexes;
        var items = test.ItemIndexes;
        for (var i = 0; i < predicted.Length; i++)
        {
            predicted[i] = predictor.Predict(users[i], items[i]);
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var perUser = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var byUser = test.ByUser;
        foreach (var metric in metrics)
        {
            values[metric.ToString()] = metric.Compute(predicted, actual);
            var userValues = new List<double>();
            for (var u = 0; u < byUser.RowCount; u++)
            {
                var entries = byUser.RowEntryIds(u);
                if (entries.Length == 0)
                {
                    continue;
                }

                var p = new float[entries.Length];
                var a = new float[entries.Length];
                for (var k = 0; k < entries.Length; k++)
                {
                    p[k] = predicted[entries[k]];
                    a[k] = actual[entries[k]];
                }

                userValues.Add(metric.Compute(p, a));
            }

            perUser[metric.ToString()] = [.. userValues];
        }

        var predictions = new Prediction[predicted.Length];
        for (var i = 0; i < predicted.Length; i++)
        {
            predictions[i] = new Prediction(users[i], items[i], predicted[i]);
        }

        return new FoldOutcome(values, perUser, predictions, []);
    }
}
