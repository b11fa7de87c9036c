using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Models.Factorization;
using Affinity.Models.Tests.Conformance;
using Affinity.Models.Tests.Support;
using Affinity.Testing;

namespace Affinity.Models.Tests.Factorization;

public sealed class ImplicitAlsTests : RecommenderConformanceTests
{
    /// <summary>Small and light enough for six-item data; the defaults suit MovieLens.</summary>
    private static readonly ImplicitAlsOptions Small = new() { Factors = 4, Regularization = 0.1, Alpha = 1, Iterations = 8 };

    protected override IRecommender CreateModel() => new ImplicitAls(Small);

    protected override bool LearnsCollaborativeStructure => true;

    [Theory]
    [InlineData(AlsSolver.Cholesky)]
    [InlineData(AlsSolver.ConjugateGradient)]
    public void The_objective_falls_every_iteration(AlsSolver solver)
    {
        var model = new ImplicitAls(new ImplicitAlsOptions { Factors = 6, Regularization = 0.5, Iterations = 8, Solver = solver, CalculateLoss = true });
        model.Fit(FactorTestData.Random(60, 40, seed: 1), FitContext.Default);

        Assert.Equal(8, model.TrainingLoss.Count);
        for (var n = 1; n < model.TrainingLoss.Count; n++)
        {
            Assert.True(model.TrainingLoss[n] < model.TrainingLoss[n - 1], $"iteration {n + 1}: {model.TrainingLoss[n]} after {model.TrainingLoss[n - 1]}");
        }
    }

    [Fact]
    public void The_objective_is_hand_computable_for_one_user_and_one_item()
    {
        // One user, one item, value 2, α = 1 (c = 3), λ = 1, k = 1. Items first: (x² + 2x² + 1) y = 3x, so
        // y = 3x / (3x² + 1) from the random x; then x = 3y / (3y² + 1). The objective is c (1 − xy)² + λ (x² + y²).
        var b = new DatasetBuilder("one", FeedbackKind.Implicit);
        b.Add("u", "i", 2);
        var model = new ImplicitAls(new ImplicitAlsOptions { Factors = 1, Regularization = 1, Alpha = 1, Iterations = 1, Solver = AlsSolver.Cholesky, CalculateLoss = true, InitStd = 1 });
        model.Fit(b.Build(), FitContext.Default);

        var x = (double)model.UserVector(0)[0];
        var y = (double)model.ItemVector(0)[0];
        Assert.Equal(3 * y / ((3 * y * y) + 1), x, 5);
        Assert.Equal((3 * (1 - (x * y)) * (1 - (x * y))) + (x * x) + (y * y), Assert.Single(model.TrainingLoss), 5);
    }

    [Fact]
    public void Explain_is_implicits_cholesky_decomposition_and_its_terms_sum_to_the_score()
    {
        // k = 1, λ = 1, α = 1, exact solves. User u1 rated i1 = 5, i2 = 3, i3 = 4, so w = 5, 3, 4 and c = 6, 4, 5.
        // Its system is the scalar A = Σ_j y_j² + λ + 5 y₀² + 3 y₁² + 4 y₂², x = (6 y₀ + 4 y₁ + 5 y₂) / A, and the
        // score of i4 is y₃ x = Σ_h c_h y_h y₃ / A: the term of history item h is c_h y_h y₃ / A (implicit's explain).
        var model = new ImplicitAls(new ImplicitAlsOptions { Factors = 1, Regularization = 1, Alpha = 1, Iterations = 3, Solver = AlsSolver.Cholesky, InitStd = 1 });
        var data = TinyData.Ratings();
        model.Fit(data, FitContext.Default);
        var y = Enumerable.Range(0, data.ItemCount).Select(i => (double)model.ItemVector(i)[0]).ToArray();
        var a = y.Sum(v => v * v) + 1 + (5 * y[0] * y[0]) + (3 * y[1] * y[1]) + (4 * y[2] * y[2]);

        var explanation = model.Explain(0, 3, maxReasons: 10);

        var expected = new[] { (Item: 0, Weight: 6 * y[0] * y[3] / a), (Item: 1, Weight: 4 * y[1] * y[3] / a), (Item: 2, Weight: 5 * y[2] * y[3] / a) }
            .OrderByDescending(e => e.Weight).ToArray();
        Assert.Equal(expected.Select(e => e.Item), explanation.Reasons.Select(r => r.Item));
        Assert.All(explanation.Reasons, r => Assert.Equal(ReasonKind.HistoryItem, r.Kind));
        for (var n = 0; n < expected.Length; n++)
        {
            Assert.Equal(expected[n].Weight, explanation.Reasons[n].Weight, 5);
        }

        Assert.Equal(model.UserVector(0)[0] * y[3], explanation.Score, 5);
        Assert.Equal(explanation.Score, explanation.Reasons.Sum(r => r.Weight), 5);
        Assert.Equal(expected[0].Item, Assert.Single(model.Explain(0, 3, maxReasons: 1).Reasons).Item);
    }

    [Fact]
    public void The_loss_is_empty_unless_asked_for_and_asking_changes_nothing_else()
    {
        var data = FactorTestData.Random(30, 20, seed: 2);
        var plain = new ImplicitAls(Small);
        var withLoss = new ImplicitAls(Small with { CalculateLoss = true });
        plain.Fit(data, FitContext.Default);
        withLoss.Fit(data, FitContext.Default);

        Assert.Empty(plain.TrainingLoss);
        Assert.Equal(Small.Iterations, withLoss.TrainingLoss.Count);
        Assert.Equal(FactorTestData.Parameters(plain), FactorTestData.Parameters(withLoss));
    }

    [Theory]
    [InlineData(AlsSolver.Cholesky)]
    [InlineData(AlsSolver.ConjugateGradient)]
    public void Many_threads_give_exactly_the_factors_of_one(AlsSolver solver)
    {
        var data = FactorTestData.Random(300, 120, seed: 3);
        var options = new ImplicitAlsOptions { Factors = 16, Iterations = 3, Solver = solver, Regularization = 1 };
        var one = new ImplicitAls(options);
        var many = new ImplicitAls(options);
        one.Fit(data, FitContext.Default with { MaxDegreeOfParallelism = 1 });
        many.Fit(data, FitContext.Default with { MaxDegreeOfParallelism = 4 });

        Assert.Equal(FactorTestData.Parameters(one), FactorTestData.Parameters(many));
    }

    [Fact]
    public void Fold_in_of_a_training_history_is_exactly_the_trained_user_with_the_exact_solver()
    {
        // Users are solved last, against the final item factors, by the same solve fold-in runs.
        var data = FactorTestData.Random(50, 30, seed: 4);
        var model = new ImplicitAls(new ImplicitAlsOptions { Factors = 8, Iterations = 4, Solver = AlsSolver.Cholesky, Regularization = 0.5 });
        model.Fit(data, FitContext.Default);
        var trained = new float[data.ItemCount];
        var folded = new float[data.ItemCount];

        for (var u = 0; u < data.UserCount; u++)
        {
            model.ScoreItems(u, trained);
            // Reversed order: the fold-in sorts the history as training does.
            model.ScoreHistory(data.ByUser.RowColumns(u).ToArray().Reverse().ToArray(), data.ByUser.RowValues(u).ToArray().Reverse().ToArray(), folded);
            Assert.Equal(trained, folded);
        }
    }

    [Fact]
    public void Fold_in_of_a_training_history_is_close_to_the_trained_user_with_conjugate_gradient()
    {
        var data = FactorTestData.Random(50, 30, seed: 4);
        var model = new ImplicitAls(new ImplicitAlsOptions { Factors = 8, Iterations = 15, CgSteps = 3, Regularization = 0.5 });
        model.Fit(data, FitContext.Default);
        var trained = new float[data.ItemCount];
        var folded = new float[data.ItemCount];

        for (var u = 0; u < data.UserCount; u++)
        {
            model.ScoreItems(u, trained);
            model.ScoreHistory(data.ByUser.RowColumns(u), data.ByUser.RowValues(u), folded);
            Assert.Equal(trained, folded, new ToleranceComparer(0.05));
            Assert.True(FactorTestData.Correlation(trained, folded) > 0.999, $"user {u}");
        }
    }

    [Fact]
    public void Fold_in_recommends_the_held_back_item_of_a_new_checkerboard_history()
    {
        var data = TinyData.Checkerboard(5);
        var model = new ImplicitAls(Small);
        model.Fit(data, FitContext.Default);

        // A new user with items 5..8 of the second group should get item 9 first.
        var list = FoldIn.Recommend(model, data.ItemCount, [5, 6, 7, 8], [1f, 1f, 1f, 1f], new RecommendRequest(-1, 1));

        Assert.Equal(9, Assert.Single(list.Items).Item);
    }

    [Fact]
    public void Fold_in_sums_repeats_and_ignores_unknown_items_and_values_of_zero_or_less()
    {
        var data = FactorTestData.Random(40, 25, seed: 5);
        var model = new ImplicitAls(Small with { Solver = AlsSolver.Cholesky });
        model.Fit(data, FitContext.Default);
        var clean = new float[data.ItemCount];
        var noisy = new float[data.ItemCount];

        model.ScoreHistory([3, 7, 11], [2f, 5f, 1f], clean);
        model.ScoreHistory([7, 3, 99, 11, 3, -4, 12, 13], [5f, 1.5f, 8f, 1f, 0.5f, 3f, 0f, -2f], noisy);

        Assert.Equal(clean, noisy, new ToleranceComparer(1e-6));
    }

    [Fact]
    public void Repeated_pairs_count_as_their_sum_and_non_positive_values_as_nothing()
    {
        var summed = new DatasetBuilder("summed", FeedbackKind.Implicit);
        var repeated = new DatasetBuilder("repeated", FeedbackKind.Implicit);
        foreach (var b in new[] { summed, repeated })
        {
            b.AddItem("i0");
            b.AddItem("i1");
            b.AddItem("i2");
            b.Add("u1", "i2", 1);
        }

        summed.Add("u0", "i0", 3);
        summed.Add("u0", "i1", 1);
        repeated.Add("u0", "i0", 1);
        repeated.Add("u0", "i1", 1);
        repeated.Add("u0", "i0", 2);
        repeated.Add("u0", "i2", 0);
        repeated.Add("u1", "i0", -1);
        var a = new ImplicitAls(Small);
        var b2 = new ImplicitAls(Small);
        a.Fit(summed.Build(), FitContext.Default);
        b2.Fit(repeated.Build(), FitContext.Default);

        Assert.Equal(FactorTestData.Parameters(a), FactorTestData.Parameters(b2));
    }

    [Theory]
    [InlineData(ConfidenceScaling.Linear, 3f, 6.0)]
    [InlineData(ConfidenceScaling.Log, 3f, 3.8918202981)]
    [InlineData(ConfidenceScaling.Log, 0.5f, 1.3862943611)]
    public void Confidence_increments_follow_hu_et_al(ConfidenceScaling scaling, float value, double expected)
    {
        // α = 2, ε = 0.5. Linear: 2 · 3 = 6. Log: 2 ln(1 + 3 / 0.5) = 2 ln 7 = 3.8918; 2 ln(1 + 1) = 1.3863.
        var model = new ImplicitAls(new ImplicitAlsOptions { Alpha = 2, Epsilon = 0.5, Scaling = scaling });

        Assert.Equal(expected, model.ConfidenceIncrement(value), 5);
    }

    [Fact]
    public void Similar_items_are_the_same_group_of_the_checkerboard_by_cosine()
    {
        var b = new DatasetBuilder("checkerboard-plus", FeedbackKind.Implicit);
        var board = TinyData.Checkerboard(5);
        for (var n = 0; n < board.Count; n++)
        {
            b.Add(board.Users[board.UserIndexes[n]], board.Items[board.ItemIndexes[n]], 1);
        }

        b.AddItem("unused");
        var model = new ImplicitAls(Small);
        model.Fit(b.Build(), FitContext.Default);

        var similar = model.SimilarItems(0, 100);

        // Ten other items have interactions; the unused one (10) and item 0 itself never appear.
        Assert.Equal(9, similar.Count);
        Assert.Equal([1, 2, 3, 4], similar.Take(4).Select(s => s.Item).Order());
        Assert.All(similar, s => Assert.InRange(s.Score, -1.0001f, 1.0001f));
        Assert.Equal(similar.Select(s => s.Score).OrderDescending(), similar.Select(s => s.Score));
        Assert.Empty(model.SimilarItems(10, 5));
        Assert.Empty(model.SimilarItems(-1, 5));
        Assert.Empty(model.SimilarItems(11, 5));
        Assert.Empty(model.SimilarItems(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.SimilarItems(0, -1));
    }

    [Theory]
    [InlineData("""{"factors":5}""")]
    [InlineData("""{"regularization":0.5}""")]
    [InlineData("""{"alpha":4}""")]
    [InlineData("""{"scaling":"Log"}""")]
    [InlineData("""{"iterations":3}""")]
    [InlineData("""{"solver":"Cholesky"}""")]
    [InlineData("""{"cgSteps":1}""")]
    [InlineData("""{"initStd":0.5}""")]
    [InlineData("""{"seed":9}""")]
    public void Every_option_changes_the_scores(string json)
    {
        AssertChangesScores(Small, json);
    }

    [Fact]
    public void Epsilon_changes_the_scores_under_log_scaling()
    {
        AssertChangesScores(Small with { Scaling = ConfidenceScaling.Log }, """{"epsilon":0.1}""");
    }

    [Theory]
    [InlineData(nameof(ImplicitAlsOptions.Factors), 0)]
    [InlineData(nameof(ImplicitAlsOptions.Factors), 513)]
    [InlineData(nameof(ImplicitAlsOptions.Regularization), 0)]
    [InlineData(nameof(ImplicitAlsOptions.Alpha), -1)]
    [InlineData(nameof(ImplicitAlsOptions.Epsilon), 0)]
    [InlineData(nameof(ImplicitAlsOptions.Iterations), 0)]
    [InlineData(nameof(ImplicitAlsOptions.CgSteps), -2)]
    [InlineData(nameof(ImplicitAlsOptions.InitStd), double.NaN)]
    [InlineData(nameof(ImplicitAlsOptions.Solver), 5)]
    [InlineData(nameof(ImplicitAlsOptions.Scaling), -1)]
    public void Invalid_options_are_refused_naming_the_option(string option, double value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => option switch
        {
            nameof(ImplicitAlsOptions.Factors) => new ImplicitAlsOptions { Factors = (int)value },
            nameof(ImplicitAlsOptions.Regularization) => new ImplicitAlsOptions { Regularization = value },
            nameof(ImplicitAlsOptions.Alpha) => new ImplicitAlsOptions { Alpha = value },
            nameof(ImplicitAlsOptions.Epsilon) => new ImplicitAlsOptions { Epsilon = value },
            nameof(ImplicitAlsOptions.Iterations) => new ImplicitAlsOptions { Iterations = (int)value },
            nameof(ImplicitAlsOptions.CgSteps) => new ImplicitAlsOptions { CgSteps = (int)value },
            nameof(ImplicitAlsOptions.InitStd) => new ImplicitAlsOptions { InitStd = value },
            nameof(ImplicitAlsOptions.Solver) => new ImplicitAlsOptions { Solver = (AlsSolver)value },
            _ => new ImplicitAlsOptions { Scaling = (ConfidenceScaling)value },
        });

        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public void Reports_every_iteration_and_stops_when_cancelled()
    {
        var reports = new List<FitProgress>();
        new ImplicitAls(Small).Fit(TinyData.Ratings(), FitContext.Default with { Progress = new FactorTestData.ListProgress(reports) });

        Assert.Equal(Enumerable.Range(1, 8).Select(n => new FitProgress("iteration", n, 8)), reports);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new ImplicitAls(Small).Fit(TinyData.Ratings(), FitContext.Default with { CancellationToken = cancelled.Token }));
    }

    [Fact]
    public void Users_and_items_without_positives_have_zero_factors()
    {
        var model = new ImplicitAls(Small);
        model.Fit(ConformanceData.RatingsWithIdleUserAndItem(), FitContext.Default);

        Assert.All(model.UserVector(ConformanceData.IdleUser).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(model.ItemVector(ConformanceData.IdleItem).ToArray(), v => Assert.Equal(0f, v));
    }

    private static void AssertChangesScores(ImplicitAlsOptions baseline, string json)
    {
        var changed = OptionsJson.Merge(baseline, json);
        Assert.NotEqual(baseline, changed);
        var data = TinyData.Ratings();
        var reference = new ImplicitAls(baseline);
        var variant = new ImplicitAls(changed);
        reference.Fit(data, FitContext.Default);
        variant.Fit(data, FitContext.Default);

        Assert.NotEqual(FactorTestData.AllScores(reference), FactorTestData.AllScores(variant));
    }
}
