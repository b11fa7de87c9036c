using Affinity.Core.Persistence;
using Affinity.Core.Recommending;
using Affinity.Models.Baselines;
using Affinity.Models.Neighborhood;
using Affinity.Models.Tests.Support;
using Affinity.Testing;

namespace Affinity.Models.Tests.Neighborhood;

public sealed class UserKnnTests
{
    // TinyData with one ALS epoch, reg 1 (pinned in BiasBaselineTests): mu = 38/11,
    // b_i = 9/22, -32/33, 23/33, -10/33, 1/33; b_u = 3/8, -1/24, 29/132, -155/198.
    private static readonly BiasBaselineOptions OneEpoch = new() { AlsEpochs = 1, AlsItemReg = 1, AlsUserReg = 1 };

    [Fact]
    public void Predicts_the_baseline_plus_the_weighted_residuals_of_the_most_similar_users_who_rated_the_item()
    {
        // MSD on raw ratings: s(u1, u2) = 1/2 (i1, i3: 1 + 1 over 2), s(u1, u3) = 1/5 (i2: 4), s(u1, u4) = 1/5.
        // i4 was rated by u2 (2) and u3 (4). Residuals r - (mu + b_v + b_i4):
        //   u2: 2 - (38/11 - 1/24 - 10/33) = -293/264; u3: 4 - (38/11 + 29/132 - 10/33) = 83/132
        // b(u1, i4) = 931/264.
        // k = 40: 931/264 + (1/2 (-293/264) + 1/5 (83/132)) / (7/10) = 673/231
        // k = 1:  only u2: 931/264 - 293/264 = 319/132
        Assert.Equal(673.0 / 231, FitMsd(neighbors: 40).Predict(0, 3), 5);
        Assert.Equal(319.0 / 132, FitMsd(neighbors: 1).Predict(0, 3), 5);
    }

    [Fact]
    public void Rating_mode_ranks_by_the_unclipped_predictions()
    {
        var model = FitMsd(neighbors: 40);
        var scores = new float[5];

        for (var u = 0; u < 4; u++)
        {
            model.ScoreItems(u, scores);
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(model.Predict(u, i), Math.Clamp(scores[i], 1f, 5f), 5);
            }
        }
    }

    [Fact]
    public void Ranking_scores_add_the_neighbours_values_weighted_by_similarity()
    {
        // Jaccard: u4 {i1, i5} meets u1, u2 and u3 at 1/4 each. With values:
        //   i2: (3 (u1) + 1 (u3)) / 4 = 1; i3: (4 (u1) + 5 (u2)) / 4 = 9/4; i4: (2 (u2) + 4 (u3)) / 4 = 3/2.
        // With k = 1 the tie goes to u1 alone: i2 3/4, i3 1, i4 0.
        var options = new UserKnnOptions { Mode = KnnMode.Ranking, Similarity = KnnSimilarity.Jaccard, Shrinkage = 0, Binarize = false };

        var all = Scores(options, 3);
        var one = Scores(options with { Neighbors = 1 }, 3);

        Assert.Equal([1f, 2.25f, 1.5f], all[1..4], new ToleranceComparer(1e-6));
        Assert.Equal([0.75f, 1f, 0f], one[1..4], new ToleranceComparer(1e-6));
    }

    [Theory]
    [InlineData(KnnMode.Rating)]
    [InlineData(KnnMode.Ranking)]
    public void Folding_in_a_training_users_own_history_gives_its_normal_scores_on_unseen_items(KnnMode mode)
    {
        // The folded-in history finds the training user itself as a neighbour; with every user kept, that
        // neighbour only adds to the history's own items, so the unseen items must score as before.
        var data = KnnTestData.Random(40, 30, 0.3, seed: 4);
        var model = new UserKnn(new UserKnnOptions { Mode = mode, Neighbors = mode == KnnMode.Rating ? 5 : 100, StoredNeighbors = 100 });
        model.Fit(data, FitContext.Default);
        var normal = new float[30];
        var folded = new float[30];

        for (var u = 0; u < data.UserCount; u++)
        {
            var history = data.ByUser.RowColumns(u).ToArray();
            model.ScoreItems(u, normal);
            model.ScoreHistory(history, data.ByUser.RowValues(u), folded);
            for (var i = 0; i < 30; i++)
            {
                if (!history.Contains(i))
                {
                    Assert.Equal(normal[i], folded[i], 1e-5);
                }
            }
        }
    }

    [Fact]
    public void Fold_in_after_loading_equals_fold_in_before_saving()
    {
        // A loaded model rebuilds its weighted training rows from the saved data on first fold-in.
        var data = KnnTestData.Random(30, 25, 0.3, seed: 6);
        var model = new UserKnn(new UserKnnOptions { Mode = KnnMode.Rating, Neighbors = 5 });
        model.Fit(data, FitContext.Default);
        using var file = new MemoryStream();
        ModelCatalog.Default.Save(model, file);
        file.Position = 0;
        var loaded = (UserKnn)ModelCatalog.Default.Load(file, "user-knn.model");
        int[] items = [1, 4, 7, 9];
        float[] values = [5f, 2f, 4f, 3f];
        var before = new float[25];
        var after = new float[25];

        model.ScoreHistory(items, values, before);
        loaded.ScoreHistory(items, values, after);

        Assert.Equal(before, after);
        Assert.Equal(KnnMode.Rating, loaded.FittedMode);
    }

    [Fact]
    public void A_history_with_an_unknown_item_is_refused()
    {
        var model = new UserKnn();
        model.Fit(TinyData.Ratings(), FitContext.Default);

        Assert.Throws<ArgumentOutOfRangeException>(() => model.ScoreHistory([-1], [1f], new float[5]));
        Assert.Throws<ArgumentException>(() => model.ScoreHistory([0], [1f], new float[6]));
    }

    [Fact]
    public void Auto_mode_follows_the_feedback_kind()
    {
        var onRatings = new UserKnn();
        onRatings.Fit(TinyData.Ratings(), FitContext.Default);
        var onClicks = new UserKnn();
        onClicks.Fit(TinyData.Checkerboard(), FitContext.Default);

        Assert.Equal(KnnMode.Rating, onRatings.FittedMode);
        Assert.Equal(KnnSimilarity.Cosine, onRatings.FittedOptions.Similarity);
        Assert.Equal(KnnMode.Ranking, onClicks.FittedMode);
        Assert.Equal(KnnSimilarity.Bm25, onClicks.FittedOptions.Similarity);
    }

    private static UserKnn FitMsd(int neighbors)
    {
        var model = new UserKnn(new UserKnnOptions
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

    private static float[] Scores(UserKnnOptions options, int user)
    {
        var model = new UserKnn(options);
        model.Fit(TinyData.Ratings(), FitContext.Default);
        var scores = new float[model.ItemCount];
        model.ScoreItems(user, scores);
        return scores;
    }
}
