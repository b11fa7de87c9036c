using Affinity.Core.Data;
using Affinity.Core.Demo;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Running;
using Affinity.Evaluation.Splitting;
using Affinity.Models.Baselines;

namespace Affinity.Evaluation.Tests.Running;

public sealed class EvaluationRunnerTests
{
    /// <summary>
    /// Two users, six items. Fold 0 (test) holds u1: i1, i3 and u2: i5; training holds u1: i0 and u2: i0, i1.
    /// </summary>
    private static ProtocolInput HandMade()
    {
        var b = new DatasetBuilder("hand", FeedbackKind.Implicit);
        for (var i = 0; i < 6; i++)
        {
            b.AddItem($"i{i}");
        }

        (string U, string I, int Fold)[] rows = [("u1", "i0", 1), ("u1", "i1", 0), ("u1", "i3", 0), ("u2", "i0", 1), ("u2", "i1", 1), ("u2", "i5", 0)];
        foreach (var (u, i, _) in rows)
        {
            b.Add(u, i, 1f);
        }

        return new ProtocolInput(b.Build(), FoldOf: rows.Select(r => r.Fold).ToArray());
    }

    private static EvaluationProtocol OneFold(EvaluationKind kind, params string[] metrics) => new()
    {
        Name = "one-fold",
        Description = "fold 0 is the test set",
        Kind = kind,
        CreateSplitter = input => PredefinedSplitter.FromFoldAssignment(input.FoldOf!.Select(f => f == 0 ? 0 : 1).ToArray()),
        Metrics = metrics,
    };

    [Fact]
    public void Full_ranking_metrics_match_the_hand_computed_values()
    {
        // The fixed order ranks items 0,1,2,... Predefined folds give two splits; take the first (fold 0 tested).
        // u1 has seen i0, so candidates are i1..i5 (5 items): i1 at rank 0, i3 at rank 2.
        //   P@2 = 1/2, R@2 = 1/2, NDCG@2 = 1 / (1 + 1/log2 3) = 0.6131, HR@2 = 1.
        // u2 has seen i0, i1, so candidates are i2..i5 (4): i5 at rank 3.
        //   P@2 = 0, R@2 = 0, NDCG@2 = 0, HR@2 = 0.
        // Means over the two users: P 0.25, R 0.25, NDCG 0.30657, HR 0.5.
        var report = EvaluationRunner.Run(OneFold(EvaluationKind.FullRanking, "Precision@2", "Recall@2", "NDCG@2", "HitRate@2"), HandMade(), [new ModelUnderTest("fixed", () => new FixedOrderRecommender())]);

        var fold = report.Models[0].Folds[0];
        Assert.Equal(0.25, fold.Metrics["Precision@2"], 10);
        Assert.Equal(0.25, fold.Metrics["Recall@2"], 10);
        Assert.Equal(0.5 / (1 + (1 / Math.Log2(3))), fold.Metrics["NDCG@2"], 10);
        Assert.Equal(0.5, fold.Metrics["HitRate@2"], 10);
        Assert.Equal([1.0, 0.0], fold.PerUser["HitRate@2"]);
    }

    [Fact]
    public void Rating_protocol_reports_every_fold_and_a_manifest()
    {
        var data = DemoDataset.Generate(users: 120, items: 80, ratingsPerUser: 20);
        var protocol = ProtocolCatalog.Surprise5Fold;

        var report = EvaluationRunner.Run(protocol, new ProtocolInput(data), [new ModelUnderTest("bias", () => new BiasBaseline()), new ModelUnderTest("mean", () => new GlobalMean())]);

        Assert.Equal(["RMSE", "MAE"], report.Metrics);
        Assert.All(report.Models, m => Assert.Equal(5, m.Folds.Count));
        Assert.True(report.Models[0].Summary("RMSE").Mean < report.Models[1].Summary("RMSE").Mean, "biases beat the global mean on data generated with biases");
        Assert.Equal(RunManifest.Checksum(data), report.Manifest.DatasetChecksum);
        Assert.Equal(5, report.Manifest.Splits.Count);
        var comparison = Assert.Single(report.Comparisons);
        Assert.Equal("RMSE", comparison.Metric);
        Assert.InRange(comparison.PValue, 0, 1);
    }

    [Fact]
    public void Sampled_ranking_ranks_each_test_item_among_unseen_negatives_repeatably()
    {
        var data = DemoDataset.Generate(users: 60, items: 150, ratingsPerUser: 15);
        var protocol = ProtocolCatalog.NcfLeaveOneOut;
        var models = new[] { new ModelUnderTest("popularity", () => new Popularity()) };

        var first = EvaluationRunner.Run(protocol, new ProtocolInput(data), models);
        var second = EvaluationRunner.Run(protocol, new ProtocolInput(data), models);

        var hr = first.Models[0].Folds[0].Metrics["HitRate@10"];
        Assert.InRange(hr, 0.0, 1.0);
        Assert.Equal(first.Models[0].Folds[0].PerUser["NDCG@10"], second.Models[0].Folds[0].PerUser["NDCG@10"]);
        Assert.Equal(60, first.Models[0].Folds[0].PerUser["HitRate@10"].Length);
    }

    [Fact]
    public void Rating_protocol_rejects_a_model_that_cannot_predict_ratings()
    {
        var protocol = OneFold(EvaluationKind.Rating, "RMSE");

        Assert.Throws<InvalidOperationException>(() => EvaluationRunner.Run(protocol, HandMade(), [new ModelUnderTest("fixed", () => new FixedOrderRecommender())]));
    }
}
