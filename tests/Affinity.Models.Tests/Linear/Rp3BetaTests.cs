using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Models.Linear;
using Affinity.Models.Tests.Conformance;
using Affinity.Models.Tests.Support;
using Affinity.Testing;

namespace Affinity.Models.Tests.Linear;

public sealed class Rp3BetaTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new Rp3Beta();

    protected override bool LearnsCollaborativeStructure => true;

    [Fact]
    public void Two_users_three_items_match_the_hand_computed_walk()
    {
        // u1 {i1, i2}, u2 {i2, i3}. P_ui = 1/2 for every pair (two items each); P_iu = 1/popularity:
        // i1 -> u1: 1, i2 -> u1, u2: 1/2 each, i3 -> u2: 1. With alpha = 1:
        //   W[i1] = 1 * (1/2, 1/2, 0) -> (0, 1/2, 0) once the walk back to i1 is dropped;
        //   W[i2] = 1/2 (1/2, 1/2, 0) + 1/2 (0, 1/2, 1/2) -> (1/4, 0, 1/4);  W[i3] = (0, 1/2, 0).
        // beta = 1 divides column j by popularity (1, 2, 1): W = [[0, 1/4, 0], [1/4, 0, 1/4], [0, 1/4, 0]].
        var model = new Rp3Beta(new Rp3BetaOptions { Alpha = 1, Beta = 1, NormalizeRows = false });
        model.Fit(EaseTests.Implicit(("u1", "i1"), ("u1", "i2"), ("u2", "i2"), ("u2", "i3")), FitContext.Default);

        AssertWeights(model, [[0, 0.25f, 0], [0.25f, 0, 0.25f], [0, 0.25f, 0]]);
    }

    [Fact]
    public void Alpha_raises_both_steps_and_normalising_makes_rows_sum_to_one()
    {
        // alpha = 2, beta = 0: W[i2] = (1/2)^2 (1/2)^2 (1, 1, 0) + (1/2)^2 (1/2)^2 (0, 1, 1) -> (1/16, 0, 1/16),
        // W[i1] = 1 * (1/4, 1/4, 0) -> (0, 1/4, 0); normalised: (0, 1, 0), (1/2, 0, 1/2), (0, 1, 0).
        var data = EaseTests.Implicit(("u1", "i1"), ("u1", "i2"), ("u2", "i2"), ("u2", "i3"));
        var raw = new Rp3Beta(new Rp3BetaOptions { Alpha = 2, Beta = 0, NormalizeRows = false });
        var normalised = new Rp3Beta(new Rp3BetaOptions { Alpha = 2, Beta = 0 });
        raw.Fit(data, FitContext.Default);
        normalised.Fit(data, FitContext.Default);

        AssertWeights(raw, [[0, 0.25f, 0], [0.0625f, 0, 0.0625f], [0, 0.25f, 0]]);
        AssertWeights(normalised, [[0, 1, 0], [0.5f, 0, 0.5f], [0, 1, 0]]);
    }

    [Fact]
    public void Each_row_keeps_its_largest_weights_ties_to_the_smaller_item()
    {
        // i2's row holds i1 and i3 with equal weight: one neighbour keeps i1.
        var model = new Rp3Beta(new Rp3BetaOptions { Neighbors = 1, NormalizeRows = false, Beta = 0 });
        model.Fit(EaseTests.Implicit(("u1", "i1"), ("u1", "i2"), ("u2", "i2"), ("u2", "i3")), FitContext.Default);

        Assert.Equal([1], model.Weights.RowColumns(0).ToArray());
        Assert.Equal([0], model.Weights.RowColumns(1).ToArray());
        Assert.Equal([1], model.Weights.RowColumns(2).ToArray());
    }

    [Fact]
    public void Valued_walks_weigh_each_step_by_the_users_share_and_refuse_non_positive_values()
    {
        // u1 rates i1 = 3, i2 = 1: P_u1,i1 = 3/4, P_u1,i2 = 1/4. Only u1, so W[i1] = (0, 1/4), W[i2] = (3/4, 0).
        var b = new DatasetBuilder("valued", FeedbackKind.Explicit);
        b.Add("u1", "i1", 3);
        b.Add("u1", "i2", 1);
        var model = new Rp3Beta(new Rp3BetaOptions { Beta = 0, NormalizeRows = false, Binarize = false });
        model.Fit(b.Build(), FitContext.Default);

        AssertWeights(model, [[0, 0.25f], [0.75f, 0]]);

        var bad = new DatasetBuilder("bad", FeedbackKind.Explicit);
        bad.Add("u1", "i1", 0);
        Assert.Throws<ArgumentException>(() => new Rp3Beta(new Rp3BetaOptions { Binarize = false }).Fit(bad.Build(), FitContext.Default));
    }

    [Fact]
    public void Folding_in_a_training_users_history_gives_their_scores()
    {
        foreach (var binarize in new[] { true, false })
        {
            var model = new Rp3Beta(new Rp3BetaOptions { Binarize = binarize });
            var train = TrainingData();
            model.Fit(train, FitContext.Default);

            for (var u = 0; u < ConformanceData.IdleUser; u++)
            {
                var direct = new float[train.ItemCount];
                var folded = new float[train.ItemCount];
                model.ScoreItems(u, direct);
                model.ScoreHistory(train.ByUser.RowColumns(u), train.ByUser.RowValues(u), folded);

                Assert.Equal(direct, folded);
            }
        }
    }

    [Fact]
    public void Similar_items_follow_the_items_row()
    {
        var model = new Rp3Beta(new Rp3BetaOptions { Beta = 1, NormalizeRows = false });
        model.Fit(EaseTests.Implicit(("u1", "i1"), ("u1", "i2"), ("u2", "i2"), ("u2", "i3")), FitContext.Default);

        Assert.Equal([0, 2], model.SimilarItems(1, 5).Select(s => s.Item));
        Assert.Equal([new ScoredItem(1, 0.25f)], model.SimilarItems(0, 5));
        Assert.Empty(model.SimilarItems(7, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.SimilarItems(0, -1));
    }

    [Theory]
    [InlineData("""{"alpha":0.5}""")]
    [InlineData("""{"beta":0}""")]
    [InlineData("""{"neighbors":1}""")]
    [InlineData("""{"normalizeRows":false}""")]
    [InlineData("""{"binarize":false}""")]
    public void Every_option_changes_the_weights(string json)
    {
        var baseline = new Rp3BetaOptions();
        var changed = OptionsJson.Merge(baseline, json);
        Assert.NotEqual(baseline, changed);
        var reference = new Rp3Beta(baseline);
        var variant = new Rp3Beta(changed);
        reference.Fit(TinyData.Ratings(), FitContext.Default);
        variant.Fit(TinyData.Ratings(), FitContext.Default);

        Assert.NotEqual(reference.Weights.Values.ToArray(), variant.Weights.Values.ToArray());
    }

    [Theory]
    [InlineData(nameof(Rp3BetaOptions.Alpha))]
    [InlineData(nameof(Rp3BetaOptions.Beta))]
    [InlineData(nameof(Rp3BetaOptions.Neighbors))]
    public void Invalid_options_are_refused_naming_the_option(string option)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => option switch
        {
            nameof(Rp3BetaOptions.Alpha) => new Rp3BetaOptions { Alpha = 0 },
            nameof(Rp3BetaOptions.Beta) => new Rp3BetaOptions { Beta = -0.1 },
            _ => new Rp3BetaOptions { Neighbors = 0 },
        });

        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public void The_defaults_are_dacremas()
    {
        var o = new Rp3BetaOptions();

        Assert.Equal((1.0, 0.6, 100, true, true), (o.Alpha, o.Beta, o.Neighbors, o.NormalizeRows, o.Binarize));
    }

    private static void AssertWeights(Rp3Beta model, float[][] expected)
    {
        var w = model.Weights;
        for (var i = 0; i < expected.Length; i++)
        {
            var dense = new float[expected[i].Length];
            var columns = w.RowColumns(i);
            for (var e = 0; e < columns.Length; e++)
            {
                dense[columns[e]] = w.RowValues(i)[e];
            }

            Assert.Equal(expected[i], dense, new ToleranceComparer(1e-6));
        }
    }
}
