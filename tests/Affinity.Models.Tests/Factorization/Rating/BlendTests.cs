using System.Text.Json;
using Affinity.Core.Recommending;
using Affinity.Models.Factorization.Rating;
using Affinity.Models.Tests.Conformance;
using Affinity.Testing;

namespace Affinity.Models.Tests.Factorization.Rating;

public sealed class BlendTests : RecommenderConformanceTests
{
    private static readonly BlendOptions Small = new()
    {
        Members =
        [
            new BlendMember { Model = "bias" },
            new BlendMember { Model = "biased-mf", Options = Json("""{"factors":3,"epochs":30,"learningRate":0.02}""") },
            new BlendMember { Model = "bpmf", Options = Json("""{"factors":3,"burnIn":10,"samples":10}""") },
        ],
        ValidationShare = 0.3,
    };

    protected override IRecommender CreateModel() => new Blend(Small);

    [Fact]
    public void Predicts_the_weighted_sum_of_its_members_clipped()
    {
        var model = new Blend(Small);
        model.Fit(TinyData.Ratings(), FitContext.Default);

        Assert.Equal(4, model.Weights.Length);
        for (var u = -1; u <= 4; u++)
        {
            for (var i = -1; i <= 5; i++)
            {
                var sum = model.Weights[0];
                for (var m = 0; m < 3; m++)
                {
                    sum += model.Weights[m + 1] * model.Members[m].Predict(u, i);
                }

                Assert.Equal((float)Math.Clamp(sum, 1, 5), model.Predict(u, i), 5);
            }
        }
    }

    [Fact]
    public void Scores_items_with_the_same_weights_over_the_members_scores()
    {
        var model = new Blend(Small);
        model.Fit(TinyData.Ratings(), FitContext.Default);
        var scores = new float[5];
        var member = new float[5];
        var expected = Enumerable.Repeat(model.Weights[0], 5).ToArray();
        for (var m = 0; m < 3; m++)
        {
            ((IItemScorer)model.Members[m]).ScoreItems(1, member);
            for (var i = 0; i < 5; i++)
            {
                expected[i] += model.Weights[m + 1] * member[i];
            }
        }

        model.ScoreItems(1, scores);

        Assert.Equal(expected.Select(v => (float)v), scores, new Support.ToleranceComparer(1e-4));
    }

    [Fact]
    public void Is_no_worse_than_its_best_member_on_a_low_rank_matrix()
    {
        var (train, test) = RatingData.LowRank();
        var options = Small with { ValidationShare = 0.2 };
        var blend = new Blend(options);
        blend.Fit(train, FitContext.Default);

        var best = blend.Members.Min(m => RatingData.Rmse(m, test));
        Assert.True(RatingData.Rmse(blend, test) < best + 0.02, $"blend {RatingData.Rmse(blend, test)} vs best member {best}");
    }

    [Fact]
    public void Folds_in_through_its_members()
    {
        var (train, _) = RatingData.LowRank();
        var blend = new Blend(Small with { ValidationShare = 0.2, Members = Small.Members.Skip(1).ToArray() });
        blend.Fit(train, FitContext.Default);

        FoldInChecks.AssertApproximatesLearnedScores(blend, train, maxMeanGap: 0.3);
    }

    [Fact]
    public void Folding_in_needs_every_member_to_fold_in()
    {
        var blend = new Blend(Small);
        blend.Fit(TinyData.Ratings(), FitContext.Default);

        var error = Assert.Throws<InvalidOperationException>(() => blend.ScoreHistory([0], [5], new float[5]));
        Assert.Contains("'bias'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_that_cannot_predict_ratings_is_refused_when_fitting()
    {
        var blend = new Blend(Small with { Members = [new BlendMember { Model = "popularity" }] });

        Assert.Throws<InvalidOperationException>(() => blend.Fit(TinyData.Ratings(), FitContext.Default));
    }

    [Fact]
    public void An_unknown_member_is_refused_when_constructed()
    {
        var error = Assert.Throws<ArgumentException>(() => new Blend(new BlendOptions { Members = [new BlendMember { Model = "no-such-model" }] }));

        Assert.Contains("no-such-model", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(BlendOptions.Members))]
    [InlineData(nameof(BlendOptions.ValidationShare))]
    [InlineData(nameof(BlendOptions.Ridge))]
    [InlineData(nameof(BlendMember.Model))]
    public void Invalid_options_are_refused_naming_the_option(string option)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => option switch
        {
            nameof(BlendOptions.Members) => new BlendOptions { Members = [] },
            nameof(BlendOptions.ValidationShare) => new BlendOptions { ValidationShare = 1 },
            nameof(BlendOptions.Ridge) => new BlendOptions { Ridge = -1 },
            _ => (object)new BlendMember { Model = " " },
        });

        Assert.Equal(option, error.ParamName);
    }

    [Theory]
    [InlineData("""{"validationShare":0.5}""")]
    [InlineData("""{"ridge":1000}""")]
    [InlineData("""{"members":[{"model":"bias"},{"model":"biased-mf","options":{"factors":3,"epochs":30,"learningRate":0.02}},{"model":"bpmf","options":{"factors":2,"burnIn":10,"samples":10}}]}""")]
    public void Every_option_changes_the_predictions(string json)
    {
        OptionEffects.AssertChangesPredictions(Small, json, o => new Blend(o));
    }

    [Fact]
    public void Member_options_compare_by_json_value()
    {
        var a = new BlendMember { Model = "bpmf", Options = Json("""{"factors": 3}""") };
        var b = new BlendMember { Model = "bpmf", Options = Json("""{"factors":3}""") };
        var c = new BlendMember { Model = "bpmf", Options = Json("""{"factors":4}""") };

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, new BlendMember { Model = "bpmf" });
        Assert.Equal(Small, Small with { Members = [.. Small.Members] });
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
