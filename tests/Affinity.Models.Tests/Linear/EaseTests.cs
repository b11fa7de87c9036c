using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Models.Linear;
using Affinity.Models.Tests.Conformance;
using Affinity.Models.Tests.Support;
using Affinity.Testing;

namespace Affinity.Models.Tests.Linear;

public sealed class EaseTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new Ease(new EaseOptions { Lambda = 1 });

    protected override bool LearnsCollaborativeStructure => true;

    [Fact]
    public void Three_users_three_items_match_the_hand_computed_weights()
    {
        // u1 {i1, i2}, u2 {i2, i3}, u3 {i1, i2, i3}; lambda = 1 (3 users, 3 items: the item-side inverse).
        // G + I = [[3, 2, 1], [2, 4, 2], [1, 2, 3]], det = 3 * 8 - 2 * 4 + 1 * 0 = 16,
        // P = adj / 16 = [[8, -4, 0], [-4, 8, -4], [0, -4, 8]] / 16, diag(P) = 1/2 everywhere,
        // B = -P / diag(P) = -2 P off the diagonal = [[0, 1/2, 0], [1/2, 0, 1/2], [0, 1/2, 0]].
        var model = new Ease(new EaseOptions { Lambda = 1 });
        model.Fit(Implicit(("u1", "i1"), ("u1", "i2"), ("u2", "i2"), ("u2", "i3"), ("u3", "i1"), ("u3", "i2"), ("u3", "i3")), FitContext.Default);

        Assert.Equal([0, 1, 2], model.ActiveItems.ToArray());
        Assert.Equal([0f, 0.5f, 0, 0.5f, 0, 0.5f, 0, 0.5f, 0], model.Weights.ToArray(), new ToleranceComparer(1e-6));
    }

    [Fact]
    public void Two_users_three_items_match_the_hand_computed_weights_through_the_user_side_inverse()
    {
        // u1 {i1, i2}, u2 {i2, i3}; lambda = 1. Fewer users than items, so the model inverts
        // K = X X^T + I = [[3, 1], [1, 3]] and forms P = (I - X^T K^-1 X) / lambda; the result must be
        // the item-side answer: G + I = [[2, 1, 0], [1, 3, 1], [0, 1, 2]], det = 2 * 5 - 1 * 2 = 8,
        // P = [[5, -2, 1], [-2, 4, -2], [1, -2, 5]] / 8, diag(P) = (5, 4, 5) / 8, B_ij = -P_ij / P_jj:
        // B_12 = (2/8) / (4/8) = 1/2, B_13 = -(1/8) / (5/8) = -1/5, B_21 = (2/8) / (5/8) = 2/5, B_23 = 2/5.
        var model = new Ease(new EaseOptions { Lambda = 1 });
        model.Fit(Implicit(("u1", "i1"), ("u1", "i2"), ("u2", "i2"), ("u2", "i3")), FitContext.Default);

        Assert.Equal([0f, 0.5f, -0.2f, 0.4f, 0, 0.4f, -0.2f, 0.5f, 0], model.Weights.ToArray(), new ToleranceComparer(1e-6));

        // u1's scores are B's rows 1 and 2 summed: (2/5, 1/2, 1/5); only i3 is unseen.
        var top = Assert.Single(model.Recommend(new RecommendRequest(0, 5)).Items);
        Assert.Equal(new ScoredItem(2, 0.2f), top, (a, b) => a.Item == b.Item && Math.Abs(a.Score - b.Score) < 1e-6);
    }

    [Theory]
    [InlineData(30, 20, 0.5)] // more users than items: the item-side inverse
    [InlineData(12, 25, 0.3)] // fewer: the user-side (Woodbury) inverse
    public void Weights_match_a_double_precision_reference_with_a_zero_diagonal(int users, int items, double density)
    {
        var data = RandomImplicit(new Random(users), users, items, density);
        const double Lambda = 2;
        var model = new Ease(new EaseOptions { Lambda = Lambda });
        model.Fit(data, FitContext.Default);

        var expected = ReferenceWeights(data, Lambda, model.ActiveItems.ToArray());
        var weights = model.Weights;
        var m = model.ActiveItems.Length;
        for (var i = 0; i < m; i++)
        {
            Assert.Equal(0f, weights[(i * m) + i]);
            for (var j = 0; j < m; j++)
            {
                Assert.Equal(expected[i, j], weights[(i * m) + j], 1e-4);
            }
        }
    }

    [Fact]
    public void Items_nobody_touched_stay_out_of_the_weights_and_score_zero()
    {
        var model = new Ease(new EaseOptions { Lambda = 1 });
        model.Fit(TrainingData(), FitContext.Default);
        var scores = new float[TrainingData().ItemCount];

        model.ScoreItems(0, scores);

        Assert.Equal([0, 1, 2, 3, 4], model.ActiveItems.ToArray());
        Assert.Equal(25, model.Weights.Length);
        Assert.Equal(0f, scores[ConformanceData.IdleItem]);
        Assert.Empty(model.SimilarItems(ConformanceData.IdleItem, 3));
    }

    [Fact]
    public void Folding_in_a_training_users_history_gives_their_scores()
    {
        foreach (var binarize in new[] { true, false })
        {
            var model = new Ease(new EaseOptions { Lambda = 3, Binarize = binarize });
            var train = TrainingData();
            model.Fit(train, FitContext.Default);

            for (var u = 0; u < ConformanceData.IdleUser; u++)
            {
                var direct = new float[train.ItemCount];
                var folded = new float[train.ItemCount];
                model.ScoreItems(u, direct);
                model.ScoreHistory(train.ByUser.RowColumns(u), train.ByUser.RowValues(u), folded);

                Assert.Equal(direct, folded);
                var request = new RecommendRequest(u, 10);
                Assert.Equal(model.Recommend(request).Items, FoldIn.Recommend(model, train.ItemCount, train.ByUser.RowColumns(u), train.ByUser.RowValues(u), request).Items);
            }
        }
    }

    [Fact]
    public void Fold_in_refuses_an_item_outside_the_catalogue()
    {
        var model = (Ease)Fitted();

        Assert.Throws<ArgumentOutOfRangeException>(() => model.ScoreHistory([0, 6], [1, 1], new float[6]));
        Assert.Throws<ArgumentException>(() => model.ScoreHistory([0], [], new float[6]));
    }

    [Fact]
    public void Similar_items_are_the_positive_weights_of_the_items_row_best_first()
    {
        // Row 2 of the two-user example: B_21 = 2/5, B_23 = 2/5 (a tie goes to the smaller index).
        // Row 1: B_12 = 1/2, B_13 = -1/5, so only item 2 is "like" item 1.
        var model = new Ease(new EaseOptions { Lambda = 1 });
        model.Fit(Implicit(("u1", "i1"), ("u1", "i2"), ("u2", "i2"), ("u2", "i3")), FitContext.Default);

        Assert.Equal([0, 2], model.SimilarItems(1, 5).Select(s => s.Item));
        Assert.Equal([1], model.SimilarItems(0, 5).Select(s => s.Item));
        Assert.Equal([0], model.SimilarItems(1, 1).Select(s => s.Item));
        Assert.Empty(model.SimilarItems(1, 0));
        Assert.Empty(model.SimilarItems(-1, 3));
        Assert.Empty(model.SimilarItems(99, 3));
    }

    [Theory]
    [InlineData("""{"lambda":7}""")]
    [InlineData("""{"binarize":false}""")]
    public void Every_option_changes_the_weights(string json)
    {
        var baseline = new EaseOptions { Lambda = 1 };
        var changed = OptionsJson.Merge(baseline, json);
        Assert.NotEqual(baseline, changed);
        var reference = new Ease(baseline);
        var variant = new Ease(changed);
        reference.Fit(TinyData.Ratings(), FitContext.Default);
        variant.Fit(TinyData.Ratings(), FitContext.Default);

        Assert.NotEqual(reference.Weights.ToArray(), variant.Weights.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_lambda_that_is_not_a_positive_number_is_refused(double lambda)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new EaseOptions { Lambda = lambda });

        Assert.Equal(nameof(EaseOptions.Lambda), error.ParamName);
    }

    [Fact]
    public void The_defaults_are_lambda_500_on_binarised_data()
    {
        Assert.Equal((500.0, true), (new EaseOptions().Lambda, new EaseOptions().Binarize));
    }

    [Fact]
    public void Reports_its_stages_and_stops_when_cancelled()
    {
        var stages = new List<string>();
        new Ease().Fit(TinyData.Ratings(), FitContext.Default with { Progress = new SynchronousProgress(p => stages.Add(p.Stage)) });
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Equal(["gram", "inverse", "projection", "weights"], stages); // 4 users < 5 items: the user-side path
        Assert.ThrowsAny<OperationCanceledException>(() => new Ease().Fit(TinyData.Ratings(), FitContext.Default with { CancellationToken = cancelled.Token }));
    }

    internal static Dataset Implicit(params (string User, string Item)[] pairs)
    {
        var b = new DatasetBuilder("pairs", FeedbackKind.Implicit);
        foreach (var (user, item) in pairs)
        {
            b.Add(user, item, 1);
        }

        return b.Build();
    }

    internal static Dataset RandomImplicit(Random random, int users, int items, double density)
    {
        var b = new DatasetBuilder("random", FeedbackKind.Implicit);
        for (var u = 0; u < users; u++)
        {
            for (var i = 0; i < items; i++)
            {
                if (random.NextDouble() < density)
                {
                    b.Add($"u{u}", $"i{i}", 1);
                }
            }
        }

        return b.Build();
    }

    /// <summary>B from the definition in double precision: Gauss-Jordan inverse of X^T X + lambda I over the active items.</summary>
    private static double[,] ReferenceWeights(Dataset data, double lambda, int[] active)
    {
        var m = active.Length;
        var g = new double[m, 2 * m];
        for (var u = 0; u < data.UserCount; u++)
        {
            var row = data.ByUser.RowColumns(u);
            foreach (var i in row)
            {
                foreach (var j in row)
                {
                    g[Array.IndexOf(active, i), Array.IndexOf(active, j)] += 1;
                }
            }
        }

        for (var i = 0; i < m; i++)
        {
            g[i, i] += lambda;
            g[i, m + i] = 1;
        }

        for (var p = 0; p < m; p++)
        {
            var pivot = g[p, p];
            for (var c = 0; c < 2 * m; c++)
            {
                g[p, c] /= pivot;
            }

            for (var r = 0; r < m; r++)
            {
                if (r != p)
                {
                    var f = g[r, p];
                    for (var c = 0; c < 2 * m; c++)
                    {
                        g[r, c] -= f * g[p, c];
                    }
                }
            }
        }

        var b = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                b[i, j] = i == j ? 0 : -g[i, m + j] / g[j, m + j];
            }
        }

        return b;
    }

    private sealed class SynchronousProgress(Action<FitProgress> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value);
    }
}
