using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Models.Baselines;
using Affinity.Models.Tests.Conformance;
using Affinity.Models.Tests.Support;
using Affinity.Testing;

namespace Affinity.Models.Tests.Baselines;

public sealed class BiasBaselineTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new BiasBaseline();

    [Fact]
    public void One_als_epoch_matches_the_hand_computed_biases()
    {
        // TinyData, reg_i = reg_u = 1, one epoch; mu = 38/11.
        // Items first, with every b_u = 0: b_i = sum(r - mu) / (1 + n).
        //   i1 {5,4,3}: (12 - 3 mu) / 4 = (18/11) / 4 = 9/22
        //   i2 {3,1}:   (4 - 2 mu) / 3 = (-32/11) / 3 = -32/33
        //   i3 {4,5}:   (9 - 2 mu) / 3 = (23/11) / 3 = 23/33
        //   i4 {2,4}:   (6 - 2 mu) / 3 = -10/33
        //   i5 {5,2}:   (7 - 2 mu) / 3 = 1/33
        // Then users with those b_i: b_u = sum(r - mu - b_i) / (1 + n).
        //   u1 {i1=5,i2=3,i3=4}: 18/11 - (9/22 - 32/33 + 23/33) = 18/11 - 9/66 = 3/2;      / 4 = 3/8
        //   u2 {i1=4,i3=5,i4=2}: 7/11 - (9/22 + 23/33 - 10/33) = 42/66 - 53/66 = -1/6;    / 4 = -1/24
        //   u3 {i2=1,i4=4,i5=5}: -4/11 - (-32/33 - 10/33 + 1/33) = -12/33 + 41/33 = 29/33; / 4 = 29/132
        //   u4 {i1=3,i5=2}:      -21/11 - (9/22 + 1/33) = -126/66 - 29/66 = -155/66;        / 3 = -155/198
        var model = new BiasBaseline(new BiasBaselineOptions { AlsEpochs = 1, AlsItemReg = 1, AlsUserReg = 1 });
        model.Fit(TinyData.Ratings(), FitContext.Default);

        Assert.Equal(38.0 / 11, model.Mean, 12);
        Assert.Equal([9.0 / 22, -32.0 / 33, 23.0 / 33, -10.0 / 33, 1.0 / 33], model.ItemBiases.ToArray(), new ToleranceComparer(1e-12));
        Assert.Equal([3.0 / 8, -1.0 / 24, 29.0 / 132, -155.0 / 198], model.UserBiases.ToArray(), new ToleranceComparer(1e-12));

        // Predict(u1, i4) = 38/11 + 3/8 - 10/33 = 3.5265151...
        Assert.Equal((38.0 / 11) + (3.0 / 8) - (10.0 / 33), model.Predict(0, 3), 5);
    }

    [Fact]
    public void One_sgd_epoch_matches_the_hand_computed_biases()
    {
        // u1 rates i1 = 4 then i2 = 2, so mu = 3; lr = 0.1, reg = 0.5.
        //   (u1, i1, 4): e = 1;                    b_u = 0.1 * 1 = 0.1;                     b_i1 = 0.1 * 1 = 0.1
        //   (u1, i2, 2): e = 2 - (3 + 0.1) = -1.1; b_u = 0.1 + 0.1 * (-1.1 - 0.05) = -0.015; b_i2 = 0.1 * -1.1 = -0.11
        var b = new DatasetBuilder("two", FeedbackKind.Explicit);
        b.Add("u1", "i1", 4);
        b.Add("u1", "i2", 2);
        var model = new BiasBaseline(new BiasBaselineOptions { Solver = BiasSolver.Sgd, SgdEpochs = 1, SgdLearningRate = 0.1, SgdReg = 0.5 });
        model.Fit(b.Build(), FitContext.Default);

        Assert.Equal(-0.015, model.UserBiases[0], 12);
        Assert.Equal([0.1, -0.11], model.ItemBiases.ToArray(), new ToleranceComparer(1e-12));
        Assert.Equal(3.085f, model.Predict(0, 0), 5);
        Assert.Equal(2.875f, model.Predict(0, 1), 5);
    }

    [Fact]
    public void Sgd_visits_each_users_ratings_in_input_order()
    {
        // Same ratings as above, entered i2 first: the first step now sees e = 2 - 3 = -1, so the
        // biases differ, as they do in Surprise, whose all_ratings() keeps each user's input order.
        var b = new DatasetBuilder("two", FeedbackKind.Explicit);
        b.AddItem("i1");
        b.Add("u1", "i2", 2);
        b.Add("u1", "i1", 4);
        var model = new BiasBaseline(new BiasBaselineOptions { Solver = BiasSolver.Sgd, SgdEpochs = 1, SgdLearningRate = 0.1, SgdReg = 0.5 });
        model.Fit(b.Build(), FitContext.Default);

        // (u1, i2, 2): e = -1; b_u = -0.1; b_i2 = -0.1. (u1, i1, 4): e = 4 - 2.9 = 1.1; b_u = -0.1 + 0.1 * (1.1 + 0.05) = 0.015.
        Assert.Equal(0.015, model.UserBiases[0], 12);
        Assert.Equal([0.11, -0.1], model.ItemBiases.ToArray(), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void Predictions_are_clipped_to_the_training_range_but_rankings_are_not()
    {
        // a: x=5, y=5; b: x=1; no shrinkage, one epoch; mu = 11/3.
        //   b_x = ((5 - mu) + (1 - mu)) / 2 = -2/3; b_y = 5 - mu = 4/3
        //   b_a = ((5 - mu + 2/3) + (5 - mu - 4/3)) / 2 = 1; b_b = 1 - mu + 2/3 = -2
        // so (a, y) = 11/3 + 1 + 4/3 = 6, clipped to the largest rating, 5.
        var b = new DatasetBuilder("clip", FeedbackKind.Explicit);
        b.Add("a", "x", 5);
        b.Add("a", "y", 5);
        b.Add("b", "x", 1);
        var model = new BiasBaseline(new BiasBaselineOptions { AlsEpochs = 1, AlsItemReg = 0, AlsUserReg = 0 });
        model.Fit(b.Build(), FitContext.Default);
        var scores = new float[2];
        model.ScoreItems(0, scores);

        Assert.Equal(5f, model.Predict(0, 1));
        Assert.Equal(1f, model.Predict(1, 0), 5);
        Assert.Equal([4f, 6f], scores, new ToleranceComparer(1e-5));
    }

    [Fact]
    public void An_unknown_user_or_item_contributes_no_bias()
    {
        var model = new BiasBaseline(new BiasBaselineOptions { AlsEpochs = 1, AlsItemReg = 1, AlsUserReg = 1 });
        model.Fit(TinyData.Ratings(), FitContext.Default);

        Assert.Equal((float)(model.Mean + model.ItemBiases[1]), model.Predict(-1, 1), 6);
        Assert.Equal((float)(model.Mean + model.UserBiases[0]), model.Predict(0, 5), 6);
        Assert.Equal((float)model.Mean, model.Predict(9, 9), 6);
    }

    [Fact]
    public void Ranks_by_item_bias()
    {
        var model = new BiasBaseline(new BiasBaselineOptions { AlsEpochs = 1, AlsItemReg = 1, AlsUserReg = 1 });
        model.Fit(TinyData.Ratings(), FitContext.Default);

        // u1 has not rated i4 (-10/33) and i5 (1/33): i5 first, scored mu + 3/8 + 1/33.
        var list = model.Recommend(new RecommendRequest(0, 5));

        Assert.Equal([4, 3], list.Items.Select(s => s.Item));
        Assert.Equal((float)((38.0 / 11) + (3.0 / 8) + (1.0 / 33)), list.Items[0].Score, 5);
    }

    [Theory]
    [InlineData("""{"alsEpochs":1}""")]
    [InlineData("""{"alsUserReg":0}""")]
    [InlineData("""{"alsItemReg":0}""")]
    [InlineData("""{"solver":"sgd"}""")]
    public void Every_als_option_changes_the_biases(string json)
    {
        AssertChangesBiases(new BiasBaselineOptions(), json);
    }

    [Theory]
    [InlineData("""{"sgdEpochs":3}""")]
    [InlineData("""{"sgdLearningRate":0.05}""")]
    [InlineData("""{"sgdReg":0.5}""")]
    public void Every_sgd_option_changes_the_biases(string json)
    {
        AssertChangesBiases(new BiasBaselineOptions { Solver = BiasSolver.Sgd }, json);
    }

    [Theory]
    [InlineData(nameof(BiasBaselineOptions.AlsEpochs))]
    [InlineData(nameof(BiasBaselineOptions.AlsUserReg))]
    [InlineData(nameof(BiasBaselineOptions.AlsItemReg))]
    [InlineData(nameof(BiasBaselineOptions.SgdEpochs))]
    [InlineData(nameof(BiasBaselineOptions.SgdLearningRate))]
    [InlineData(nameof(BiasBaselineOptions.SgdReg))]
    [InlineData(nameof(BiasBaselineOptions.Solver))]
    public void Invalid_options_are_refused_naming_the_option(string option)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => option switch
        {
            nameof(BiasBaselineOptions.AlsEpochs) => new BiasBaselineOptions { AlsEpochs = 0 },
            nameof(BiasBaselineOptions.AlsUserReg) => new BiasBaselineOptions { AlsUserReg = -1 },
            nameof(BiasBaselineOptions.AlsItemReg) => new BiasBaselineOptions { AlsItemReg = double.NaN },
            nameof(BiasBaselineOptions.SgdEpochs) => new BiasBaselineOptions { SgdEpochs = -3 },
            nameof(BiasBaselineOptions.SgdLearningRate) => new BiasBaselineOptions { SgdLearningRate = 0 },
            nameof(BiasBaselineOptions.SgdReg) => new BiasBaselineOptions { SgdReg = double.PositiveInfinity },
            _ => new BiasBaselineOptions { Solver = (BiasSolver)7 },
        });

        Assert.Equal(option, error.ParamName);
    }

    [Theory]
    [InlineData(BiasSolver.Als, 10)]
    [InlineData(BiasSolver.Sgd, 20)]
    public void Reports_every_epoch_and_stops_when_cancelled(BiasSolver solver, int epochs)
    {
        var reports = new List<FitProgress>();
        var model = new BiasBaseline(new BiasBaselineOptions { Solver = solver });
        model.Fit(TinyData.Ratings(), FitContext.Default with { Progress = new ListProgress(reports) });

        Assert.Equal(Enumerable.Range(1, epochs).Select(e => new FitProgress("epoch", e, epochs)), reports);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new BiasBaseline(new BiasBaselineOptions { Solver = solver }).Fit(TinyData.Ratings(), FitContext.Default with { CancellationToken = cancelled.Token }));
    }

    [Fact]
    public void The_defaults_are_surprises_but_for_lighter_als_shrinkage()
    {
        var o = new BiasBaselineOptions();
        var s = BiasBaselineOptions.SurpriseDefaults;

        Assert.Equal((BiasSolver.Als, 10, 10.0, 5.0), (o.Solver, o.AlsEpochs, o.AlsUserReg, o.AlsItemReg));
        Assert.Equal((BiasSolver.Als, 10, 15.0, 10.0), (s.Solver, s.AlsEpochs, s.AlsUserReg, s.AlsItemReg));
        Assert.Equal((20, 0.005, 0.02), (o.SgdEpochs, o.SgdLearningRate, o.SgdReg));
    }

    private static void AssertChangesBiases(BiasBaselineOptions baseline, string json)
    {
        var changed = OptionsJson.Merge(baseline, json);
        Assert.NotEqual(baseline, changed);
        var reference = new BiasBaseline(baseline);
        var variant = new BiasBaseline(changed);
        reference.Fit(TinyData.Ratings(), FitContext.Default);
        variant.Fit(TinyData.Ratings(), FitContext.Default);

        Assert.NotEqual(reference.UserBiases.ToArray(), variant.UserBiases.ToArray());
        Assert.NotEqual(reference.ItemBiases.ToArray(), variant.ItemBiases.ToArray());
    }

    /// <summary>Records progress synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class ListProgress(List<FitProgress> reports) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => reports.Add(value);
    }
}
