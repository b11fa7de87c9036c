using System.Text.Json;
using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Models.Hybrid;
using Affinity.Models.Tests.Conformance;
using Affinity.Models.Tests.Content;
using Affinity.Models.Tests.Support;
using Affinity.Testing;

namespace Affinity.Models.Tests.Hybrid;

public sealed class LightFmTests : RecommenderConformanceTests
{
    /// <summary>Deterministic and sized for data of a few dozen items.</summary>
    private static readonly LightFmOptions Small = new() { Components = 8, Epochs = 40, LearningRate = 0.1, Deterministic = true };

    /// <summary>
    /// The conformance tests run BPR: WARP stops updating once no sampled negative comes within the
    /// margin of a positive, so on the checkerboard the held-back item (a negative for its own user)
    /// only has to sit 1 below the user's positives and may tie the other group's items; WARP orders
    /// the top of the list, not what lies below it (see <see cref="Warp_leaves_the_order_below_the_positives_alone"/>).
    /// </summary>
    protected override IRecommender CreateModel() => new LightFm(Small with { Loss = LightFmLoss.Bpr });

    protected override bool LearnsCollaborativeStructure => true;

    /// <summary>Its reasons are the item's features, not history items; removing the top feature is checked by its own test.</summary>
    protected override bool ExplainsItsFoldIn => false;

    [Fact]
    public void The_deterministic_mode_reproduces_the_model_bit_for_bit()
    {
        var data = TasteData.Build();

        Assert.Equal(AllScores(Fit(Small, data, seed: 3), data), AllScores(Fit(Small, data, seed: 3), data));
        Assert.NotEqual(AllScores(Fit(Small, data, seed: 3), data), AllScores(Fit(Small, data, seed: 4), data));
    }

    [Fact]
    public void One_thread_is_the_deterministic_mode()
    {
        var data = TasteData.Build();
        var oneThread = new LightFm(Small with { Deterministic = false });
        oneThread.Fit(data, FitContext.Default with { MaxDegreeOfParallelism = 1 });

        Assert.Equal(AllScores(Fit(Small, data), data), AllScores(oneThread, data));
    }

    [Fact]
    public void Hogwild_training_on_several_threads_also_solves_the_checkerboard()
    {
        var model = new LightFm(Small with { Deterministic = false, Loss = LightFmLoss.Bpr, Epochs = 60 });
        model.Fit(TinyData.Checkerboard(5), FitContext.Default with { MaxDegreeOfParallelism = 2 });

        for (var u = 0; u < 10; u++)
        {
            Assert.Equal(u, Assert.Single(model.Recommend(new RecommendRequest(u, 1)).Items).Item);
        }
    }

    [Fact]
    public void Warp_leaves_the_order_below_the_positives_alone()
    {
        // Once every positive of the checkerboard beats every negative by the margin 1, no draw finds a
        // violation and training stops changing the model: 100 and 300 epochs give the same scores.
        var data = TinyData.Checkerboard(5);
        var model = Fit(Small with { Epochs = 100 }, data);
        var longer = Fit(Small with { Epochs = 300 }, data);
        var scores = new float[data.ItemCount];

        Assert.Equal(AllScores(model, data), AllScores(longer, data));
        for (var u = 0; u < data.UserCount; u++)
        {
            model.ScoreItems(u, scores);
            var positives = data.ByUser.RowColumns(u).ToArray();
            var lowest = positives.Min(i => scores[i]);
            Assert.All(Enumerable.Range(0, data.ItemCount).Except(positives), j => Assert.True(scores[j] < lowest - 1 + 1e-3, $"user {u}: item {j} {scores[j]} vs {lowest}"));
        }
    }

    [Theory]
    [InlineData(LightFmLoss.Warp, LightFmSchedule.Adagrad)]
    [InlineData(LightFmLoss.Bpr, LightFmSchedule.Adagrad)]
    [InlineData(LightFmLoss.Warp, LightFmSchedule.Adadelta)]
    public void A_cold_item_sharing_the_users_taste_ranks_above_one_that_does_not(LightFmLoss loss, LightFmSchedule schedule)
    {
        var data = TasteData.Build();
        var model = Fit(Small with { Loss = loss, LearningSchedule = schedule }, data);
        var sciFi = data.Items.IndexOf(TasteData.ColdSciFi);
        var romance = data.Items.IndexOf(TasteData.ColdRomance);

        for (var u = 0; u < 6; u++)
        {
            var fan = model.Recommend(new RecommendRequest(data.Users.IndexOf($"f{u}"), 2) { Candidates = [sciFi, romance] });
            var other = model.Recommend(new RecommendRequest(data.Users.IndexOf($"g{u}"), 2) { Candidates = [sciFi, romance] });
            Assert.Equal([sciFi, romance], fan.Items.Select(s => s.Item));
            Assert.Equal([romance, sciFi], other.Items.Select(s => s.Item));
        }
    }

    [Fact]
    public void A_new_user_with_attributes_is_scored_from_them_alone()
    {
        var data = TasteData.Build();
        var model = Fit(Small, data);
        var fan = data.Users.IndexOf(TasteData.NewSciFiFan);
        var other = data.Users.IndexOf(TasteData.NewRomanceFan);

        Assert.True(model.CanScore(fan));
        var fanList = model.Recommend(new RecommendRequest(fan, 4));
        var otherList = model.Recommend(new RecommendRequest(other, 4));

        Assert.False(fanList.IsFallback);
        Assert.All(fanList.Items, s => Assert.Contains("s", data.Items[s.Item]));
        Assert.All(otherList.Items, s => Assert.Contains("r", data.Items[s.Item]));
    }

    [Fact]
    public void Without_identity_features_users_of_one_taste_share_one_vector()
    {
        // Every Sci-Fi fan has the single feature fan=scifi, so their representations coincide.
        var data = TasteData.Build();
        var model = Fit(Small with { IdentityFeatures = false }, data);

        Assert.Equal(model.UserVector(data.Users.IndexOf("f0")), model.UserVector(data.Users.IndexOf("f4")));
        Assert.NotEqual(model.UserVector(data.Users.IndexOf("f0")), model.UserVector(data.Users.IndexOf("g0")));
    }

    [Fact]
    public void The_score_is_the_sum_of_the_item_features_terms_and_the_top_reason_is_the_shared_feature()
    {
        var data = TasteData.Build();
        var model = Fit(Small, data);
        var fan = data.Users.IndexOf("f2");
        var item = data.Items.IndexOf(TasteData.ColdSciFi);
        var scores = new float[data.ItemCount];
        model.ScoreItems(fan, scores);

        var explanation = model.Explain(fan, item, 3);

        // The cold item's identity row is zeroed, so its score is its two genres' terms exactly.
        Assert.Equal(scores[item], explanation.Score, 5);
        Assert.Equal("genres=Sci-Fi", explanation.Reasons[0].Feature);
        Assert.All(explanation.Reasons, r => Assert.Equal(ReasonKind.Feature, r.Kind));
        Assert.Equal(scores[item], model.UserVector(fan).Zip(model.ItemVector(item).ToArray(), (a, b) => a * b).Sum() + model.ItemBiases[item], 5);

        var reduced = Fit(Small, TasteData.Build(coldSciFiGenres: ["Comedy"]));
        Assert.True(reduced.Explain(fan, item).Score < explanation.Score - 0.1f, $"{reduced.Explain(fan, item).Score} vs {explanation.Score}");
    }

    [Fact]
    public void A_user_the_model_cannot_score_and_an_unknown_item_are_explained_by_popularity()
    {
        var model = (LightFm)Fitted();

        Assert.Equal(new Reason(ReasonKind.Popularity, 3f), Assert.Single(model.Explain(ConformanceData.IdleUser, 0).Reasons));
        Assert.Equal(ReasonKind.Popularity, Assert.Single(model.Explain(0, 42).Reasons).Kind);
        Assert.Empty(model.Explain(0, 3, maxReasons: 0).Reasons);
    }

    [Fact]
    public void Fold_in_ranks_a_training_history_like_the_trained_user_and_a_new_history_by_its_taste()
    {
        var data = TasteData.Build();
        var model = Fit(Small, data);
        var trained = new float[data.ItemCount];
        var folded = new float[data.ItemCount];

        for (var u = 0; u < 12; u++)
        {
            model.ScoreItems(u, trained);
            model.ScoreHistory(data.ByUser.RowColumns(u), data.ByUser.RowValues(u), folded);
            Assert.True(FactorCorrelation(trained, folded) > 0.8, $"user {u}: correlation {FactorCorrelation(trained, folded)}");
        }

        var history = new[] { data.Items.IndexOf("r1"), data.Items.IndexOf("r2"), 500 };
        var list = FoldIn.Recommend(model, data.ItemCount, history, [1f, 1f, 1f], new RecommendRequest(-1, 3));
        Assert.All(list.Items, s => Assert.Contains("r", data.Items[s.Item]));
    }

    [Fact]
    public void Similar_items_are_those_of_the_same_taste_cold_ones_included()
    {
        var data = TasteData.Build();
        var model = Fit(Small, data);

        var similar = model.SimilarItems(data.Items.IndexOf("s1"), 4);

        Assert.Equal(4, similar.Count);
        Assert.All(similar, s => Assert.Contains("s", data.Items[s.Item]));
        Assert.DoesNotContain(similar, s => s.Item == data.Items.IndexOf("s1"));
        Assert.Empty(model.SimilarItems(-1, 3));
    }

    [Fact]
    public void The_item_penalty_shrinks_the_item_vectors()
    {
        var data = TasteData.Build();
        var plain = Fit(Small, data);
        var penalised = Fit(Small with { ItemAlpha = 0.05 }, data);

        Assert.True(Norms(penalised, data) < 0.5 * Norms(plain, data), $"{Norms(penalised, data)} vs {Norms(plain, data)}");
    }

    [Theory]
    [InlineData("""{"components":5}""")]
    [InlineData("""{"loss":"Bpr"}""")]
    [InlineData("""{"learningSchedule":"Adadelta"}""")]
    [InlineData("""{"learningRate":0.02}""")]
    [InlineData("""{"itemAlpha":0.001}""")]
    [InlineData("""{"userAlpha":0.001}""")]
    [InlineData("""{"maxSampled":2}""")]
    [InlineData("""{"epochs":3}""")]
    [InlineData("""{"identityFeatures":false}""")]
    [InlineData("""{"userFeatures":false}""")]
    [InlineData("""{"itemFeatures":false}""")]
    [InlineData("""{"textFeatures":false}""")]
    [InlineData("""{"seed":9}""")]
    public void Every_option_changes_the_scores(string json) => AssertChangesScores(Small with { Epochs = 10 }, json);

    [Theory]
    [InlineData("""{"rho":0.5}""")]
    [InlineData("""{"epsilon":0.001}""")]
    public void Every_adadelta_option_changes_the_scores(string json) => AssertChangesScores(Small with { Epochs = 10, LearningSchedule = LightFmSchedule.Adadelta }, json);

    [Theory]
    [InlineData(nameof(LightFmOptions.Components), 0)]
    [InlineData(nameof(LightFmOptions.LearningRate), 0)]
    [InlineData(nameof(LightFmOptions.Rho), 1)]
    [InlineData(nameof(LightFmOptions.Epsilon), -1)]
    [InlineData(nameof(LightFmOptions.ItemAlpha), -0.1)]
    [InlineData(nameof(LightFmOptions.UserAlpha), double.NaN)]
    [InlineData(nameof(LightFmOptions.MaxSampled), 0)]
    [InlineData(nameof(LightFmOptions.Epochs), -1)]
    [InlineData(nameof(LightFmOptions.Loss), 7)]
    [InlineData(nameof(LightFmOptions.LearningSchedule), 7)]
    public void Invalid_options_are_refused_naming_the_option(string option, double value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => option switch
        {
            nameof(LightFmOptions.Components) => new LightFmOptions { Components = (int)value },
            nameof(LightFmOptions.LearningRate) => new LightFmOptions { LearningRate = value },
            nameof(LightFmOptions.Rho) => new LightFmOptions { Rho = value },
            nameof(LightFmOptions.Epsilon) => new LightFmOptions { Epsilon = value },
            nameof(LightFmOptions.ItemAlpha) => new LightFmOptions { ItemAlpha = value },
            nameof(LightFmOptions.UserAlpha) => new LightFmOptions { UserAlpha = value },
            nameof(LightFmOptions.MaxSampled) => new LightFmOptions { MaxSampled = (int)value },
            nameof(LightFmOptions.Loss) => new LightFmOptions { Loss = (LightFmLoss)value },
            nameof(LightFmOptions.LearningSchedule) => new LightFmOptions { LearningSchedule = (LightFmSchedule)value },
            _ => new LightFmOptions { Epochs = (int)value },
        });

        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public void Options_survive_a_json_round_trip_and_the_catalog_creates_the_model()
    {
        var options = new LightFmOptions
        {
            Components = 12, Loss = LightFmLoss.Bpr, LearningSchedule = LightFmSchedule.Adadelta, LearningRate = 0.01, Rho = 0.9, Epsilon = 1e-5,
            ItemAlpha = 1e-6, UserAlpha = 1e-5, MaxSampled = 20, Epochs = 7, IdentityFeatures = false, UserFeatures = false, ItemFeatures = false,
            TextFeatures = false, Deterministic = true, Seed = 5,
        };
        var json = JsonSerializer.Serialize(options, ModelCatalog.JsonOptions);

        Assert.Equal(options, JsonSerializer.Deserialize<LightFmOptions>(json, ModelCatalog.JsonOptions));
        var model = Assert.IsType<LightFm>(ModelCatalog.Default.Create("lightfm", """{"loss":"bpr","components":16}"""));
        Assert.Equal(new LightFmOptions { Loss = LightFmLoss.Bpr, Components = 16 }, model.Options);
    }

    [Fact]
    public void Reports_every_epoch_and_stops_when_cancelled()
    {
        var reports = new List<FitProgress>();
        new LightFm(Small with { Epochs = 4 }).Fit(TinyData.Ratings(), FitContext.Default with { Progress = new ListProgress(reports) });

        Assert.Equal(Enumerable.Range(1, 4).Select(n => new FitProgress("epoch", n, 4)), reports);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new LightFm(Small).Fit(TinyData.Ratings(), FitContext.Default with { CancellationToken = cancelled.Token }));
    }

    private static void AssertChangesScores(LightFmOptions baseline, string json)
    {
        var changed = OptionsJson.Merge(baseline, json);
        Assert.NotEqual(baseline, changed);
        var data = TasteData.Build(titles: true);

        Assert.NotEqual(AllScores(Fit(baseline, data), data), AllScores(Fit(changed, data), data));
    }

    private static LightFm Fit(LightFmOptions options, Dataset data, int seed = 42)
    {
        var model = new LightFm(options);
        model.Fit(data, FitContext.Default with { Seed = seed });
        return model;
    }

    private static float[] AllScores(LightFm model, Dataset data)
    {
        var all = new float[data.UserCount * data.ItemCount];
        for (var u = 0; u < data.UserCount; u++)
        {
            if (model.CanScore(u))
            {
                model.ScoreItems(u, all.AsSpan(u * data.ItemCount, data.ItemCount));
            }
        }

        return all;
    }

    private static double Norms(LightFm model, Dataset data)
        => Enumerable.Range(0, data.ItemCount).Sum(i => Math.Sqrt(model.ItemVector(i).ToArray().Sum(v => v * v)));

    private static double FactorCorrelation(float[] a, float[] b)
    {
        double meanA = a.Average(), meanB = b.Average(), ab = 0, aa = 0, bb = 0;
        for (var n = 0; n < a.Length; n++)
        {
            ab += (a[n] - meanA) * (b[n] - meanB);
            aa += (a[n] - meanA) * (a[n] - meanA);
            bb += (b[n] - meanB) * (b[n] - meanB);
        }

        return ab / Math.Sqrt(aa * bb);
    }

    /// <summary>Records progress synchronously.</summary>
    private sealed class ListProgress(List<FitProgress> reports) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => reports.Add(value);
    }
}
