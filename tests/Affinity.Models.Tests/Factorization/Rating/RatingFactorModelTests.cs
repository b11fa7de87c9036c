using Affinity.Core.Recommending;
using Affinity.Models.Factorization.Rating;
using Affinity.Models.Tests.Conformance;
using Affinity.Testing;

namespace Affinity.Models.Tests.Factorization.Rating;

/// <summary>
/// What every rating factor model must learn on the small fixtures of <see cref="RatingData"/>: a
/// low-rank matrix, the rating checkerboard, and a fold-in that reproduces a training user's scores.
/// </summary>
public abstract class RatingFactorModelTests : RecommenderConformanceTests
{
    /// <summary>A model of 4 factors that trains for about <paramref name="passes"/> passes over the data (epochs or sweeps).</summary>
    protected abstract RatingFactorModel CreateLearner(int passes);

    [Fact]
    public void Learns_a_low_rank_matrix_better_than_the_mean()
    {
        var (train, test) = RatingData.LowRank();
        var model = CreateLearner(100);
        model.Fit(train, FitContext.Default);

        Assert.True(RatingData.Rmse(model, test) < 0.6 * RatingData.MeanRmse(train, test), $"{RatingData.Rmse(model, test)} vs {RatingData.MeanRmse(train, test)}");
    }

    [Fact]
    public void Predicts_the_held_back_items_of_the_rating_checkerboard()
    {
        var data = RatingData.RatingCheckerboard();
        var model = CreateLearner(200);
        model.Fit(data, FitContext.Default);

        for (var u = 0; u < 10; u++)
        {
            var heldBack = data.Items.IndexOf($"i{u}");
            Assert.True(model.Predict(u, heldBack) > 4, $"user {u}: {model.Predict(u, heldBack)}");
            Assert.Equal(heldBack, Assert.Single(model.Recommend(new RecommendRequest(u, 1)).Items).Item);
        }
    }

    [Fact]
    public void Folding_in_a_training_users_history_approximates_its_learned_scores()
    {
        var (train, _) = RatingData.LowRank();
        var model = CreateLearner(100);
        model.Fit(train, FitContext.Default);

        FoldInChecks.AssertApproximatesLearnedScores(model, train);
    }
}

/// <summary>The rating factor models trained by stochastic gradient descent, whose training error must fall epoch after epoch.</summary>
public abstract class SgdRatingModelTests : RatingFactorModelTests
{
    [Fact]
    public void A_different_seed_gives_different_factors()
    {
        var a = CreateLearner(5);
        var b = CreateLearner(5);
        a.Fit(TinyData.Ratings(), FitContext.Default with { Seed = 1 });
        b.Fit(TinyData.Ratings(), FitContext.Default with { Seed = 2 });

        Assert.NotEqual(a.UserVector(0).ToArray(), b.UserVector(0).ToArray());
    }

    [Fact]
    public void Training_error_falls_with_more_epochs()
    {
        var (train, _) = RatingData.LowRank();

        var errors = new[] { 1, 5, 25 }.Select(epochs =>
        {
            var model = CreateLearner(epochs);
            model.Fit(train, FitContext.Default);
            return RatingData.Rmse(model, train);
        }).ToArray();

        Assert.True(errors[0] > errors[1] && errors[1] > errors[2], string.Join(", ", errors));
    }
}
