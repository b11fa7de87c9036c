using System.Collections.Concurrent;
using Affinity.Core.Data;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Running;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Tests.Running;

public sealed class ColdStartMeasureTests
{
    [Fact]
    public void New_item_metrics_rank_the_held_out_items_only()
    {
        // Six items; i2, i4, i5 are held out (fold 0, all their interactions). The fixed order ranks
        // candidates by index, so every user's candidate list is [i2, i4, i5] (3 items, not 6).
        //   u1 tests i4 at rank 1: NDCG@10 = (1/log2 3) / 1 = 0.63093, P@10 = 1/10, R@10 = 1,
        //     AUC = 1 correct pair of 1 × 2 = 0.5.
        //   u2 tests i2 (rank 0) and i5 (rank 2): NDCG@10 = (1 + 1/log2 4) / (1 + 1/log2 3) = 0.91972,
        //     P@10 = 2/10, R@10 = 1, AUC = (1 + 0) / (2 × 1) = 0.5.
        // Over a full ranking u1's i4 would sit at rank 2 of 5 unseen items instead.
        var b = new DatasetBuilder("hand", FeedbackKind.Implicit);
        for (var i = 0; i < 6; i++)
        {
            b.AddItem($"i{i}");
        }

        (string U, string I)[] rows = [("u1", "i0"), ("u1", "i4"), ("u2", "i1"), ("u2", "i2"), ("u2", "i5"), ("u2", "i3")];
        foreach (var (u, i) in rows)
        {
            b.Add(u, i, 1f);
        }

        var protocol = new EvaluationProtocol
        {
            Name = "hand-cold-items",
            Description = "i2, i4, i5 held out",
            Kind = EvaluationKind.ColdItems,
            CreateSplitter = _ => PredefinedSplitter.FromFoldAssignment([1, 0, 1, 0, 0, 1]),
            Metrics = ["NDCG@10", "Precision@10", "Recall@10", "AUC"],
        };

        var report = EvaluationRunner.Run(protocol, new ProtocolInput(b.Build()), [new ModelUnderTest("fixed", () => new FixedOrderRecommender())]);

        var fold = report.Models[0].Folds[0];
        var ndcgU1 = 1 / Math.Log2(3);
        var ndcgU2 = (1 + (1 / Math.Log2(4))) / (1 + (1 / Math.Log2(3)));
        Assert.Equal([ndcgU1, ndcgU2], fold.PerUser["NDCG@10"], new ToleranceComparer(1e-12));
        Assert.Equal(0.15, fold.Metrics["Precision@10"], 12);
        Assert.Equal(1.0, fold.Metrics["Recall@10"], 12);
        Assert.Equal(0.5, fold.Metrics["AUC"], 12);
        Assert.Equal(0.0, fold.Metrics[ColdStartMetrics.FallbackShare]);
        Assert.Equal([ColdStartMetrics.FallbackShare], report.BeyondAccuracyMetrics);
    }

    [Fact]
    public void A_fold_in_model_scores_the_given_history_which_is_then_excluded()
    {
        // Both users are alike, so whichever is held out: given (first two by time) i2, i3; tested i0, i1.
        // The recorder folds in by +i, so the candidates i0, i1, i4, i5 rank i5, i4, i1, i0:
        //   NDCG@10 = (1/log2 4 + 1/log2 5) / (1 + 1/log2 3) = 0.57064, P@10 = 0.2, R@10 = 1, AUC = 0.
        var recorder = new FoldInRecorder();

        var report = EvaluationRunner.Run(ProtocolCatalog.ColdUsersGiven(2), new ProtocolInput(TwoAlikeUsers()), [new ModelUnderTest("recorder", () => recorder)]);

        var fold = report.Models[0].Folds[0];
        Assert.Equal([2, 3], Assert.Single(recorder.Histories));
        Assert.Equal((0.5 + (1 / Math.Log2(5))) / (1 + (1 / Math.Log2(3))), fold.Metrics["NDCG@10"], 12);
        Assert.Equal(0.2, fold.Metrics["Precision@10"], 12);
        Assert.Equal(1.0, fold.Metrics["Recall@10"], 12);
        Assert.Equal(0.0, fold.Metrics["AUC"], 12);
        Assert.Equal(0.0, fold.Metrics[ColdStartMetrics.FallbackShare]);
    }

    [Fact]
    public void A_model_without_fold_in_is_asked_for_the_user_with_the_history_excluded()
    {
        // The reverse order (+i) scores everyone, the held-out user too. With the given i2, i3 excluded
        // the candidates rank i5, i4, i1, i0: NDCG@10 = (1/log2 4 + 1/log2 5) / (1 + 1/log2 3) = 0.57064;
        // had they stayed, i1 and i0 would sit at ranks 4 and 5 (NDCG 0.40678).
        var report = EvaluationRunner.Run(ProtocolCatalog.ColdUsersGiven(2), new ProtocolInput(TwoAlikeUsers()), [new ModelUnderTest("reverse", () => new ReverseOrderRecommender())]);

        var fold = report.Models[0].Folds[0];
        Assert.Equal((0.5 + (1 / Math.Log2(5))) / (1 + (1 / Math.Log2(3))), fold.Metrics["NDCG@10"], 12);
        Assert.Equal(0.0, fold.Metrics["AUC"], 12);
        Assert.Equal(0.0, fold.Metrics[ColdStartMetrics.FallbackShare]);
    }

    [Fact]
    public void With_nothing_given_a_model_that_cannot_score_the_user_falls_back()
    {
        // Attributes alone: the recorder scores users with training history only, so the held-out user
        // gets the popularity fallback over all six items, and no history is folded in.
        var recorder = new FoldInRecorder();

        var report = EvaluationRunner.Run(ProtocolCatalog.ColdUsers, new ProtocolInput(TwoAlikeUsers()), [new ModelUnderTest("recorder", () => recorder)]);

        Assert.Equal(1.0, report.Models[0].Folds[0].Metrics[ColdStartMetrics.FallbackShare]);
        Assert.Empty(recorder.Histories);
    }

    [Fact]
    public void The_cold_start_protocols_are_registered_by_dataset_agnostic_names()
    {
        foreach (var name in new[] { "cold-items", "cold-users", "cold-users-5", "warm-users" })
        {
            var protocol = ProtocolCatalog.Get(name);
            Assert.Null(protocol.DefaultDataset);
            Assert.Equal(["NDCG@10", "Precision@10", "Recall@10", "AUC"], protocol.Metrics);
        }

        Assert.Equal("cold-users-3", ProtocolCatalog.ColdUsersGiven(3).Name);
    }

    /// <summary>u1 and u2 each touch i2 at t=1, i3 at t=2, i0 at t=3, i1 at t=4; i4 and i5 are untouched.</summary>
    private static Dataset TwoAlikeUsers()
    {
        var b = new DatasetBuilder("alike", FeedbackKind.Implicit);
        for (var i = 0; i < 6; i++)
        {
            b.AddItem($"i{i}");
        }

        foreach (var u in new[] { "u1", "u2" })
        {
            b.Add(u, "i2", 1f, 1);
            b.Add(u, "i3", 1f, 2);
            b.Add(u, "i0", 1f, 3);
            b.Add(u, "i1", 1f, 4);
        }

        return b.Build();
    }

    /// <summary>Scores every user, known or not, by +i (the last item first).</summary>
    private sealed class ReverseOrderRecommender : ScoringRecommender
    {
        public override string Name => "reverse-order";

        protected override object OptionsRecord => new();

        public override bool CanScore(int user) => true;

        public override void ScoreItems(int user, Span<float> scores)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = i;
            }
        }

        protected override void FitCore(Dataset train, FitContext context)
        {
        }

        protected override void SaveModel(ModelWriter writer)
        {
        }

        protected override void LoadModel(ModelReader reader, int userCount, int itemCount)
        {
        }
    }

    /// <summary>Scores known users by -i and folded-in histories by +i, recording every history it folds in.</summary>
    private sealed class FoldInRecorder : ScoringRecommender, IFoldIn
    {
        public ConcurrentQueue<int[]> Histories { get; } = new();

        public override string Name => "fold-in-recorder";

        protected override object OptionsRecord => new();

        public override bool CanScore(int user) => HasHistory(user);

        public override void ScoreItems(int user, Span<float> scores)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = -i;
            }
        }

        public void ScoreHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> scores)
        {
            Histories.Enqueue(items.ToArray());
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = i;
            }
        }

        protected override void FitCore(Dataset train, FitContext context)
        {
        }

        protected override void SaveModel(ModelWriter writer)
        {
        }

        protected override void LoadModel(ModelReader reader, int userCount, int itemCount)
        {
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
