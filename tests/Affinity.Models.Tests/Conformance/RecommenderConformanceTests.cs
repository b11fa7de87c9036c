using Affinity.Core.Data;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;
using Affinity.Testing;

namespace Affinity.Models.Tests.Conformance;

/// <summary>
/// The contract every recommender keeps (CONVENTIONS.md item 5). A model's test class derives from
/// this in a few lines: it supplies <see cref="CreateModel"/>, and opts in to the checkerboard test
/// when the model learns from co-occurrence.
/// </summary>
public abstract partial class RecommenderConformanceTests
{
    /// <summary>A fresh, unfitted model with the options under test.</summary>
    protected abstract IRecommender CreateModel();

    /// <summary>Whether the model must solve the checkerboard (models that learn from co-occurrence).</summary>
    protected virtual bool LearnsCollaborativeStructure => false;

    /// <summary>The training data of the tests (the expected lists below are worked out on it).</summary>
    protected static Dataset TrainingData() => ConformanceData.RatingsWithIdleUserAndItem();

    /// <summary>A model fitted on <see cref="TrainingData"/> under <paramref name="seed"/>.</summary>
    protected IRecommender Fitted(int seed = 42)
    {
        var model = CreateModel();
        model.Fit(TrainingData(), FitContext.Default with { Seed = seed });
        return model;
    }

    [Fact]
    public void Recommend_before_Fit_throws_InvalidOperationException()
    {
        var model = CreateModel();

        Assert.False(model.IsFitted);
        Assert.Throws<InvalidOperationException>(() => model.Recommend(new RecommendRequest(0, 3)));
        Assert.Throws<InvalidOperationException>(() => model.RecommendBatch([new RecommendRequest(0, 3)]));
    }

    [Fact]
    public void Fit_marks_the_model_fitted()
    {
        Assert.True(Fitted().IsFitted);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    [InlineData(1_000)]
    public void A_user_beyond_the_training_users_gets_a_flagged_fallback(int user)
    {
        var list = Fitted().Recommend(new RecommendRequest(user, 3));

        Assert.True(list.IsFallback);
        Assert.Equal(user, list.User);
        Assert.Equal(3, list.Items.Count);
    }

    [Fact]
    public void A_user_without_training_data_gets_a_flagged_fallback()
    {
        var list = Fitted().Recommend(new RecommendRequest(ConformanceData.IdleUser, 3));

        Assert.True(list.IsFallback);
        Assert.Equal(3, list.Items.Count);
    }

    [Fact]
    public void A_known_user_is_scored_by_the_model()
    {
        Assert.False(Fitted().Recommend(new RecommendRequest(0, 3)).IsFallback);
    }

    [Fact]
    public void A_count_beyond_the_catalogue_returns_every_unseen_item_once()
    {
        // User 0 (u1) rated items 0, 1, 2 of six, so exactly 3, 4, 5 remain.
        var list = Fitted().Recommend(new RecommendRequest(0, 100));

        Assert.Equal([3, 4, 5], list.Items.Select(s => s.Item).Order());
    }

    [Fact]
    public void A_count_of_zero_returns_an_empty_list()
    {
        Assert.Empty(Fitted().Recommend(new RecommendRequest(0, 0)).Items);
    }

    [Fact]
    public void Seen_items_are_excluded_by_default_and_included_on_request()
    {
        var model = Fitted();
        var train = TrainingData();

        for (var u = 0; u < train.UserCount; u++)
        {
            var seen = train.ByUser.RowColumns(u).ToArray();
            var excluded = model.Recommend(new RecommendRequest(u, 100));
            var included = model.Recommend(new RecommendRequest(u, 100) { ExcludeSeen = false });

            Assert.DoesNotContain(excluded.Items, s => seen.Contains(s.Item));
            Assert.Equal(train.ItemCount - seen.Length, excluded.Items.Count);
            Assert.Equal(train.ItemCount, included.Items.Count);
        }
    }

    [Fact]
    public void The_exclude_list_is_honoured()
    {
        var list = Fitted().Recommend(new RecommendRequest(0, 100) { Exclude = [3, 5, 99, -2] });

        Assert.Equal([4], list.Items.Select(s => s.Item));
    }

    [Fact]
    public void Only_candidates_are_returned_and_seen_candidates_stay_excluded()
    {
        // Item 1 is seen by user 0; 77 and -1 are not items and must be ignored, not thrown on.
        var list = Fitted().Recommend(new RecommendRequest(0, 100) { Candidates = [5, 1, 3, 77, -1] });

        Assert.Equal([3, 5], list.Items.Select(s => s.Item).Order());
    }

    [Fact]
    public void Candidates_and_exclusions_also_apply_to_the_fallback()
    {
        var list = Fitted().Recommend(new RecommendRequest(ConformanceData.IdleUser, 100) { Candidates = [0, 2, 4], Exclude = [2] });

        Assert.True(list.IsFallback);
        Assert.Equal([0, 4], list.Items.Select(s => s.Item).Order());
    }

    [Fact]
    public void Batch_output_equals_single_output()
    {
        var model = Fitted();
        var requests = new List<RecommendRequest>();
        for (var u = -1; u <= TrainingData().UserCount + 1; u++)
        {
            requests.Add(new RecommendRequest(u, 4));
            requests.Add(new RecommendRequest(u, 100) { ExcludeSeen = false, Exclude = [1] });
            requests.Add(new RecommendRequest(u, 2) { Candidates = [0, 3, 4, 5] });
        }

        var batch = model.RecommendBatch(requests);

        Assert.Equal(requests.Count, batch.Count);
        for (var r = 0; r < requests.Count; r++)
        {
            var single = model.Recommend(requests[r]);
            Assert.Equal(single.User, batch[r].User);
            Assert.Equal(single.Source, batch[r].Source);
            Assert.Equal(single.Items, batch[r].Items);
        }
    }

    [Fact]
    public void Fitting_twice_under_the_same_seed_gives_identical_output()
    {
        var first = Fitted(seed: 7);
        var second = Fitted(seed: 7);

        for (var u = -1; u <= TrainingData().UserCount; u++)
        {
            var request = new RecommendRequest(u, 100) { ExcludeSeen = false };
            Assert.Equal(first.Recommend(request).Items, second.Recommend(request).Items);
        }
    }

    [Fact]
    public void A_saved_and_loaded_model_gives_the_same_output()
    {
        var model = Assert.IsAssignableFrom<IPersistableModel>(Fitted());
        using var file = new MemoryStream();
        ModelCatalog.Default.Save(model, file);
        file.Position = 0;

        var loaded = ModelCatalog.Default.Load(file, "conformance.model");

        Assert.Equal(model.GetType(), loaded.GetType());
        Assert.Equal(model.Options, loaded.Options);
        var data = TrainingData();
        for (var user = 0; user <= data.UserCount; user++)
        {
            var request = new RecommendRequest(user, data.ItemCount);
            var before = model.Recommend(request);
            var after = loaded.Recommend(request);
            Assert.Equal(before.Source, after.Source);
            Assert.Equal(before.Items, after.Items);
            if (model is IRatingPredictor predictor)
            {
                for (var item = 0; item <= data.ItemCount; item++)
                {
                    Assert.Equal(predictor.Predict(user, item), ((IRatingPredictor)loaded).Predict(user, item));
                }
            }
        }
    }

    [Fact]
    public void Lists_have_no_duplicates_and_non_increasing_scores()
    {
        var model = Fitted();

        for (var u = -1; u <= TrainingData().UserCount; u++)
        {
            var items = model.Recommend(new RecommendRequest(u, 100) { ExcludeSeen = false }).Items;
            Assert.Equal(items.Count, items.Select(s => s.Item).Distinct().Count());
            for (var k = 1; k < items.Count; k++)
            {
                Assert.True(items[k].Score <= items[k - 1].Score, $"user {u}: score {items[k].Score} at rank {k} exceeds {items[k - 1].Score}");
            }
        }
    }

    [Fact]
    public void Recommends_the_held_back_item_of_the_checkerboard()
    {
        // Opt-in: a model that does not learn co-occurrence (popularity, random) cannot pass it.
        if (!LearnsCollaborativeStructure)
        {
            return;
        }

        const int groupSize = 5;
        var model = CreateModel();
        model.Fit(TinyData.Checkerboard(groupSize), FitContext.Default);

        for (var u = 0; u < 2 * groupSize; u++)
        {
            var heldBack = (u / groupSize * groupSize) + (u % groupSize);
            var top = model.Recommend(new RecommendRequest(u, 1)).Items;
            Assert.Equal(heldBack, Assert.Single(top).Item);
        }
    }

    [Fact]
    public void Rating_predictions_are_finite_for_known_and_unknown_users_and_items()
    {
        if (Fitted() is not IRatingPredictor model)
        {
            return;
        }

        var train = TrainingData();
        for (var u = -1; u <= train.UserCount; u++)
        {
            for (var i = -1; i <= train.ItemCount; i++)
            {
                Assert.True(float.IsFinite(model.Predict(u, i)), $"Predict({u}, {i}) = {model.Predict(u, i)}");
            }
        }
    }
}
