using System.Collections.Concurrent;
using Affinity.Core.Data;
using Affinity.Core.Demo;
using Affinity.Core.Recommending;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Splitting;
using Affinity.Evaluation.Tuning;
using Affinity.Models;
using Affinity.Models.Baselines;

namespace Affinity.Evaluation.Tests.Tuning;

/// <summary>Small demo data, protocols over it and tuning targets, shared by the tuning tests.</summary>
internal static class TuningFixtures
{
    /// <summary>200 users, 150 items, about 4,000 ratings with user and item biases.</summary>
    public static Dataset Demo { get; } = DemoDataset.Generate(users: 200, items: 150, ratingsPerUser: 20, seed: 7);

    /// <summary>Random 5-fold rating prediction over the demo data.</summary>
    public static EvaluationProtocol RatingFolds { get; } = new()
    {
        Name = "demo-5fold",
        Description = "random 5-fold over the demo ratings",
        Kind = EvaluationKind.Rating,
        CreateSplitter = static _ => new RandomKFoldSplitter(5, seed: 0),
        Metrics = ["RMSE", "MAE"],
    };

    /// <summary>A per-user 25% holdout ranked over all unseen items.</summary>
    public static EvaluationProtocol Ranking { get; } = new()
    {
        Name = "demo-holdout",
        Description = "per-user 25% holdout, full ranking",
        Kind = EvaluationKind.FullRanking,
        CreateSplitter = static _ => new UserHoldoutSplitter(0.25, seed: 0),
        Metrics = ["NDCG@10", "Recall@10"],
    };

    /// <summary>The bias baseline through the model catalogue.</summary>
    public static TuningTarget Bias { get; } = new("bias", typeof(BiasBaselineOptions), json => ModelCatalog.Default.Create("bias", json))
    {
        JsonOptions = ModelCatalog.JsonOptions,
    };

    /// <summary>The bias baseline wrapped so that every fit and every predicted pair is recorded.</summary>
    public static TuningTarget RecordingBias(ConcurrentQueue<Dataset> fitted, ConcurrentQueue<(int User, int Item)> predicted)
        => Bias with { Create = json => new RecordingPredictor((BiasBaseline)ModelCatalog.Default.Create("bias", json), fitted, predicted) };

    /// <summary>The (user, item) pairs of a dataset part.</summary>
    public static HashSet<(int User, int Item)> Pairs(Dataset part)
    {
        var pairs = new HashSet<(int, int)>();
        for (var i = 0; i < part.Count; i++)
        {
            pairs.Add((part.UserIndexes[i], part.ItemIndexes[i]));
        }

        return pairs;
    }

    /// <summary>Proposes the listed points in turn, whatever the history.</summary>
    public sealed class ScriptedStrategy(params double[][] points) : ISearchStrategy
    {
        public string Name => "scripted";

        public IReadOnlyList<double> Propose(SearchSpace space, IReadOnlyList<TrialPoint> history, Random random) => points[history.Count];
    }

    private sealed class RecordingPredictor(BiasBaseline inner, ConcurrentQueue<Dataset> fitted, ConcurrentQueue<(int User, int Item)> predicted) : IRatingPredictor
    {
        public string Name => inner.Name;

        public bool IsFitted => inner.IsFitted;

        public void Fit(Dataset train, FitContext context)
        {
            fitted.Enqueue(train);
            inner.Fit(train, context);
        }

        public float Predict(int user, int item)
        {
            predicted.Enqueue((user, item));
            return inner.Predict(user, item);
        }

        public RecommendationList Recommend(RecommendRequest request) => inner.Recommend(request);

        public IReadOnlyList<RecommendationList> RecommendBatch(IReadOnlyList<RecommendRequest> requests) => inner.RecommendBatch(requests);
    }
}
