using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Models.Baselines;
using Affinity.Models.Neighborhood;
using Affinity.Models.Tests.Support;
using Affinity.Testing;

namespace Affinity.Models.Tests.Neighborhood;

public sealed class ItemKnnTests
{
    // TinyData with one ALS epoch, reg 1 (pinned in BiasBaselineTests): mu = 38/11,
    // b_i = 9/22, -32/33, 23/33, -10/33, 1/33; b_u = 3/8, -1/24, 29/132, -155/198.
    private static readonly BiasBaselineOptions OneEpoch = new() { AlsEpochs = 1, AlsItemReg = 1, AlsUserReg = 1 };

    [Fact]
    public void Predicts_the_baseline_plus_the_weighted_residuals_of_the_most_similar_rated_items()
    {
        // MSD on raw ratings: s(i4, i1) = 1/5 (u2: 4 vs 2), s(i4, i2) = 1/10 (u3: 1 vs 4), s(i4, i3) = 1/10 (u2: 5 vs 2),
        // s(i4, i5) = 1/2, but u1 did not rate i5. u1's residuals r - (mu + b_u1 + b_j), mu + b_u1 = 337/88:
        //   i1: 5 - 373/88 = 67/88; i2: 3 - (337/88 - 32/33) = 37/264; i3: 4 - (337/88 + 23/33) = -139/264
        // b(u1, i4) = 337/88 - 10/33 = 931/264
        // k = 40: 931/264 + (67/88 / 5 + 37/264 / 10 - 139/264 / 10) / (2/5) = 503/132
        // k = 1:  only i1: 931/264 + 67/88 = 283/66
        Assert.Equal(503.0 / 132, FitMsd(neighbors: 40).Predict(0, 3), 5);
        Assert.Equal(283.0 / 66, FitMsd(neighbors: 1).Predict(0, 3), 5);
    }

    [Fact]
    public void Unknown_users_and_items_get_the_baseline_and_predictions_are_clipped()
    {
        var model = FitMsd(neighbors: 40);

        // Unknown user: mu + b_i4 = 38/11 - 10/33 = 104/33; unknown item: mu + b_u1 = 337/88; neither: mu.
        Assert.Equal(104.0 / 33, model.Predict(-1, 3), 5);
        Assert.Equal(337.0 / 88, model.Predict(0, 99), 5);
        Assert.Equal(38.0 / 11, model.Predict(99, 99), 5);
        for (var u = 0; u < 4; u++)
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.InRange(model.Predict(u, i), 1f, 5f);
            }
        }
    }

    [Fact]
    public void Rating_mode_ranks_by_the_unclipped_predictions()
    {
        var model = FitMsd(neighbors: 40);
        var scores = new float[5];
        model.ScoreItems(0, scores);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(model.Predict(0, i), Math.Clamp(scores[i], 1f, 5f), 5);
        }
    }

    [Fact]
    public void Ranking_scores_add_the_history_items_similarities()
    {
        // Jaccard, no shrinkage: u4 has i1 and i5. s(i1, i2) = 1/4, s(i5, i2) = 1/3, so score(i2) = 7/12.
        // With row normalisation: row i1 sums 2/3 + 1/4 + 1/4 + 1/4 = 17/12, row i5 sums 1/4 + 1/3 + 1/3 = 11/12,
        // so score(i2) = (1/4)(12/17) + (1/3)(12/11) = 3/17 + 4/11 = 101/187.
        var options = new ItemKnnOptions { Mode = KnnMode.Ranking, Similarity = KnnSimilarity.Jaccard, Shrinkage = 0, Neighbors = 10 };

        Assert.Equal(7.0 / 12, Scores(options with { Normalization = KnnNormalization.None }, 3)[1], 6);
        Assert.Equal(101.0 / 187, Scores(options with { Normalization = KnnNormalization.RowSum }, 3)[1], 6);
    }

    [Fact]
    public void Ranking_scores_weigh_history_items_by_value_unless_binarized()
    {
        // Jaccard reads only the sets, so s(i1, i3) = 2/3 either way, and s(i5, i3) = 0 (no shared user).
        // u4 rated i1 = 3: the score of i3 is 2/3 binarized and 3 * 2/3 with values.
        var options = new ItemKnnOptions { Mode = KnnMode.Ranking, Similarity = KnnSimilarity.Jaccard, Shrinkage = 0, Neighbors = 10, Normalization = KnnNormalization.None };

        Assert.Equal(2.0 / 3, Scores(options, 3)[2], 6);
        Assert.Equal(3 * 2.0 / 3, Scores(options with { Binarize = false }, 3)[2], 6);
    }

    [Fact]
    public void Predict_in_ranking_mode_is_the_ranking_score()
    {
        var model = new ItemKnn(new ItemKnnOptions { Mode = KnnMode.Ranking });
        model.Fit(KnnTestData.Random(30, 20, 0.3, seed: 2), FitContext.Default);
        var scores = new float[20];
        model.ScoreItems(4, scores);

        Assert.Equal(KnnMode.Ranking, model.FittedMode);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(scores[i], model.Predict(4, i), 5);
        }
    }

    [Fact]
    public void Similar_items_are_the_kept_row_best_first_never_the_item_itself()
    {
        var model = new ItemKnn(new ItemKnnOptions { Mode = KnnMode.Ranking, Similarity = KnnSimilarity.Jaccard, Shrinkage = 0 });
        model.Fit(TinyData.Ratings(), FitContext.Default);

        // Row i1: i3 2/3, then i2, i4, i5 at 1/4.
        Assert.Equal([new ScoredItem(2, 2f / 3), new ScoredItem(1, 0.25f)], model.SimilarItems(0, 2));
        Assert.Equal(4, model.SimilarItems(0, 100).Count);
        Assert.DoesNotContain(model.SimilarItems(0, 100), s => s.Item == 0);
        Assert.Empty(model.SimilarItems(0, 0));
        Assert.Empty(model.SimilarItems(99, 3));
        Assert.Empty(model.SimilarItems(-1, 3));
    }

    [Theory]
    [InlineData(KnnMode.Rating)]
    [InlineData(KnnMode.Ranking)]
    public void Folding_in_a_training_users_own_history_gives_its_normal_scores(KnnMode mode)
    {
        var data = KnnTestData.Random(40, 30, 0.3, seed: 4);
        var model = new ItemKnn(new ItemKnnOptions { Mode = mode, Neighbors = 5, StoredNeighbors = 10 });
        model.Fit(data, FitContext.Default);
        var normal = new float[30];
        var folded = new float[30];

        for (var u = 0; u < data.UserCount; u++)
        {
            model.ScoreItems(u, normal);
            model.ScoreHistory(data.ByUser.RowColumns(u), data.ByUser.RowValues(u), folded);
            Assert.Equal(normal, folded, new ToleranceComparer(1e-5));
        }
    }

    [Fact]
    public void Fold_in_ranks_with_the_usual_filters()
    {
        var model = new ItemKnn(new ItemKnnOptions { Mode = KnnMode.Ranking, Similarity = KnnSimilarity.Jaccard, Shrinkage = 0 });
        model.Fit(TinyData.Ratings(), FitContext.Default);

        // A new user who has only i1: i3 (2/3) first, then i2, i4, i5 (1/4 each, by index); i1 itself is excluded.
        var list = FoldIn.Recommend(model, 5, [0], [1f], new RecommendRequest(-1, 10));

        Assert.Equal([2, 1, 3, 4], list.Items.Select(s => s.Item));
    }

    [Fact]
    public void A_history_with_an_unknown_item_is_refused()
    {
        var model = new ItemKnn();
        model.Fit(TinyData.Ratings(), FitContext.Default);

        Assert.Throws<ArgumentOutOfRangeException>(() => model.ScoreHistory([0, 5], [1f, 1f], new float[5]));
        Assert.Throws<ArgumentException>(() => model.ScoreHistory([0], [1f, 2f], new float[5]));
        Assert.Throws<ArgumentException>(() => model.ScoreHistory([0], [1f], new float[4]));
    }

    [Fact]
    public void Auto_mode_follows_the_feedback_kind()
    {
        var onRatings = new ItemKnn();
        onRatings.Fit(TinyData.Ratings(), FitContext.Default);
        var onClicks = new ItemKnn();
        onClicks.Fit(TinyData.Checkerboard(), FitContext.Default);

        Assert.Equal(KnnMode.Rating, onRatings.FittedMode);
        Assert.Equal(KnnSimilarity.AdjustedCosine, onRatings.FittedOptions.Similarity);
        Assert.Equal(KnnMode.Ranking, onClicks.FittedMode);
        Assert.Equal(KnnSimilarity.Bm25, onClicks.FittedOptions.Similarity);
    }

    [Theory]
    [InlineData(KnnMode.Ranking, KnnSimilarity.Pearson)]
    [InlineData(KnnMode.Ranking, KnnSimilarity.AdjustedCosine)]
    [InlineData(KnnMode.Ranking, KnnSimilarity.Msd)]
    [InlineData(KnnMode.Rating, KnnSimilarity.Jaccard)]
    [InlineData(KnnMode.Rating, KnnSimilarity.Bm25)]
    [InlineData(KnnMode.Rating, KnnSimilarity.TfIdf)]
    public void A_similarity_of_the_other_mode_is_refused_naming_the_option(KnnMode mode, KnnSimilarity similarity)
    {
        var model = new ItemKnn(new ItemKnnOptions { Mode = mode, Similarity = similarity });

        var error = Assert.Throws<ArgumentException>(() => model.Fit(TinyData.Ratings(), FitContext.Default));
        Assert.Equal("Similarity", error.ParamName);
    }

    [Fact]
    public void Progress_reports_the_similarity_rows()
    {
        var reports = new List<FitProgress>();
        var model = new ItemKnn(new ItemKnnOptions { Mode = KnnMode.Ranking });
        model.Fit(KnnTestData.Random(20, 200, 0.1, seed: 1), FitContext.Default with { Progress = new Collect(reports) });

        Assert.True(reports.Count > 1);
        Assert.Equal(new FitProgress("similarities", 200, 200), reports[^1]);
    }

    private static ItemKnn FitMsd(int neighbors)
    {
        var model = new ItemKnn(new ItemKnnOptions
        {
            Mode = KnnMode.Rating,
            Similarity = KnnSimilarity.Msd,
            BaselineResiduals = false,
            Shrinkage = 0,
            Neighbors = neighbors,
            Baseline = OneEpoch,
        });
        model.Fit(TinyData.Ratings(), FitContext.Default);
        return model;
    }

    private static float[] Scores(ItemKnnOptions options, int user, Dataset? data = null)
    {
        var model = new ItemKnn(options);
        model.Fit(data ?? TinyData.Ratings(), FitContext.Default);
        var scores = new float[model.ItemCount];
        model.ScoreItems(user, scores);
        return scores;
    }

    private sealed class Collect(List<FitProgress> reports) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => reports.Add(value);
    }
}
