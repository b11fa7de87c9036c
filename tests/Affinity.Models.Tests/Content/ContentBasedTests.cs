using System.Text.Json;
using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Models.Content;
using Affinity.Models.Tests.Conformance;
using Affinity.Models.Tests.Support;

namespace Affinity.Models.Tests.Content;

public sealed class ContentBasedTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new ContentBased();

    /// <summary>
    /// u rates a (Action) 5 and b (Comedy) 1; c is Action and Comedy, d (untouched) Action. Plain
    /// weights (no TF-IDF), so the unit vectors are a = (1, 0), b = (0, 1), c = (1, 1)/√2, d = (1, 0).
    /// </summary>
    private static Dataset Hand()
    {
        var b = new DatasetBuilder("hand", FeedbackKind.Explicit);
        b.Add("u", "a", 5);
        b.Add("u", "b", 1);
        b.AddItem("c");
        b.AddItem("d");
        b.ItemAttributes.AddTag("a", "genres", "Action");
        b.ItemAttributes.AddTag("b", "genres", "Comedy");
        b.ItemAttributes.AddTag("c", "genres", "Action");
        b.ItemAttributes.AddTag("c", "genres", "Comedy");
        b.ItemAttributes.AddTag("d", "genres", "Action");
        return b.Build();
    }

    [Fact]
    public void Scores_are_the_cosine_with_the_centred_and_floored_profile()
    {
        // Mean 3: w_a = max(5 - 3, 0.5) = 2, w_b = max(1 - 3, 0.5) = 0.5, so p = (2, 0.5), |p| = √4.25.
        //   a: 2 / √4.25 = 0.970143;  b: 0.5 / √4.25 = 0.242536
        //   c: (2 + 0.5) / √2 / √4.25 = 1.767767 / 2.061553 = 0.857493;  d = a = 0.970143
        var model = new ContentBased(new ContentBasedOptions { TfIdf = false, WeightFloor = 0.5 });
        model.Fit(Hand(), FitContext.Default);
        var scores = new float[4];
        model.ScoreItems(0, scores);

        Assert.Equal([0.970143f, 0.242536f, 0.857493f, 0.970143f], scores, new ToleranceComparer(1e-5));
        Assert.Equal(["genres=Action", "genres=Comedy"], model.FeatureNames);
        Assert.Equal([3, 2], model.Recommend(new RecommendRequest(0, 5)).Items.Select(s => s.Item));
    }

    [Fact]
    public void A_liked_only_history_still_makes_a_profile()
    {
        // Both rated 4: centred weights are 0, floored to 0.5 each, so p = (0.5, 0.5) and c scores 1.
        var b = new DatasetBuilder("liked", FeedbackKind.Explicit);
        b.Add("u", "a", 4);
        b.Add("u", "b", 4);
        b.AddItem("c");
        b.ItemAttributes.AddTag("a", "genres", "Action");
        b.ItemAttributes.AddTag("b", "genres", "Comedy");
        b.ItemAttributes.AddTag("c", "genres", "Action");
        b.ItemAttributes.AddTag("c", "genres", "Comedy");
        var model = new ContentBased(new ContentBasedOptions { TfIdf = false, WeightFloor = 0.5 });
        model.Fit(b.Build(), FitContext.Default);

        var top = Assert.Single(model.Recommend(new RecommendRequest(0, 1)).Items);
        Assert.Equal(2, top.Item);
        Assert.Equal(1f, top.Score, 5);
    }

    [Fact]
    public void A_cold_item_sharing_the_users_taste_ranks_above_one_that_does_not()
    {
        var data = TasteData.Build();
        var model = new ContentBased();
        model.Fit(data, FitContext.Default);
        var sciFi = data.Items.IndexOf(TasteData.ColdSciFi);
        var romance = data.Items.IndexOf(TasteData.ColdRomance);

        for (var u = 0; u < 6; u++)
        {
            var fan = data.Users.IndexOf($"f{u}");
            var list = model.Recommend(new RecommendRequest(fan, 100) { Candidates = [sciFi, romance] });
            Assert.Equal([sciFi, romance], list.Items.Select(s => s.Item));
            Assert.True(list.Items[0].Score > 0.5f, $"cold Sci-Fi scored {list.Items[0].Score}");
        }
    }

    [Fact]
    public void The_top_reason_is_the_shared_feature_and_removing_it_lowers_the_score()
    {
        var data = TasteData.Build();
        var model = new ContentBased();
        model.Fit(data, FitContext.Default);
        var fan = data.Users.IndexOf("f1");
        var item = data.Items.IndexOf(TasteData.ColdSciFi);

        var explanation = model.Explain(fan, item, 3);
        var scores = new float[data.ItemCount];
        model.ScoreItems(fan, scores);

        Assert.Equal("genres=Sci-Fi", explanation.Reasons[0].Feature);
        Assert.All(explanation.Reasons, r => Assert.Equal(ReasonKind.Feature, r.Kind));
        Assert.Equal(scores[item], explanation.Score, 5);
        Assert.Equal(explanation.Score, explanation.Reasons.Sum(r => r.Weight), 5);

        var without = TasteData.Build(coldSciFiGenres: ["Comedy"]);
        var reduced = new ContentBased();
        reduced.Fit(without, FitContext.Default);
        Assert.True(reduced.Explain(fan, item).Score < explanation.Score - 0.1f);
    }

    [Fact]
    public void A_user_without_a_profile_and_an_unknown_item_are_explained_by_popularity()
    {
        var model = (ContentBased)Fitted();

        var idle = model.Explain(ConformanceData.IdleUser, 0);
        var unknown = model.Explain(0, 99);

        Assert.Equal(new Reason(ReasonKind.Popularity, 3f), Assert.Single(idle.Reasons));
        Assert.Equal(ReasonKind.Popularity, Assert.Single(unknown.Reasons).Kind);
        Assert.Empty(model.Explain(0, 3, maxReasons: 0).Reasons);
    }

    [Fact]
    public void Fold_in_of_a_training_history_gives_the_trained_scores()
    {
        var data = TasteData.Build();
        var model = new ContentBased();
        model.Fit(data, FitContext.Default);
        var trained = new float[data.ItemCount];
        var folded = new float[data.ItemCount];

        for (var u = 0; u < 12; u++)
        {
            model.ScoreItems(u, trained);
            model.ScoreHistory(data.ByUser.RowColumns(u), data.ByUser.RowValues(u), folded);
            Assert.Equal(trained, folded, new ToleranceComparer(1e-6));
        }

        var fresh = FoldIn.Recommend(model, data.ItemCount, [data.Items.IndexOf("r0"), 99], [1f, 1f], new RecommendRequest(-1, 1));
        Assert.Equal("Romance", ItemGenre(data, Assert.Single(fresh.Items).Item));
    }

    [Fact]
    public void Similar_items_share_features_and_include_cold_items()
    {
        var data = TasteData.Build();
        var model = new ContentBased();
        model.Fit(data, FitContext.Default);
        var s0 = data.Items.IndexOf("s0");

        var similar = model.SimilarItems(s0, 3);

        // s0 is Sci-Fi and Comedy, as are s3 and the cold Sci-Fi item: the same unit vector, cosine 1.
        Assert.Equal([data.Items.IndexOf("s3"), data.Items.IndexOf(TasteData.ColdSciFi)], similar.Take(2).Select(s => s.Item));
        Assert.Equal(1f, similar[1].Score, 5);
        Assert.DoesNotContain(similar, s => s.Item == s0);
        Assert.Empty(model.SimilarItems(99, 3));
        Assert.Empty(model.SimilarItems(s0, 0));
    }

    [Theory]
    [InlineData("""{"weightFloor":0.3}""")]
    [InlineData("""{"minDocumentFrequency":3}""")]
    [InlineData("""{"tfIdf":false}""")]
    [InlineData("""{"textFeatures":false}""")]
    public void Every_option_changes_the_scores(string json)
    {
        var baseline = new ContentBasedOptions();
        var changed = OptionsJson.Merge(baseline, json);
        Assert.NotEqual(baseline, changed);
        var data = OptionData();
        var reference = new ContentBased(baseline);
        var variant = new ContentBased(changed);
        reference.Fit(data, FitContext.Default);
        variant.Fit(data, FitContext.Default);

        Assert.NotEqual(AllScores(reference, data), AllScores(variant, data));
    }

    [Theory]
    [InlineData(nameof(ContentBasedOptions.WeightFloor))]
    [InlineData(nameof(ContentBasedOptions.MinDocumentFrequency))]
    public void Invalid_options_are_refused_naming_the_option(string option)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => option == nameof(ContentBasedOptions.WeightFloor)
            ? new ContentBasedOptions { WeightFloor = 0 }
            : new ContentBasedOptions { MinDocumentFrequency = 0 });

        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public void Options_survive_a_json_round_trip_and_the_catalog_creates_the_model()
    {
        var options = new ContentBasedOptions { WeightFloor = 1.5, MinDocumentFrequency = 3, TfIdf = false, TextFeatures = false };
        var json = JsonSerializer.Serialize(options, ModelCatalog.JsonOptions);

        Assert.Equal(options, JsonSerializer.Deserialize<ContentBasedOptions>(json, ModelCatalog.JsonOptions));
        var model = Assert.IsType<ContentBased>(ModelCatalog.Default.Create("content", """{"weightFloor":2}"""));
        Assert.Equal(new ContentBasedOptions { WeightFloor = 2 }, model.Options);
    }

    /// <summary>Explicit ratings with genres (tags of unequal frequency), a title and ratings that vary per user, so every option matters.</summary>
    private static Dataset OptionData()
    {
        var b = new DatasetBuilder("options", FeedbackKind.Explicit);
        string[] genres = ["Action", "Comedy", "Drama"];
        string[] words = ["star", "war", "love", "night"];
        for (var i = 0; i < 8; i++)
        {
            b.AddItem($"i{i}");
            b.ItemAttributes.AddTag($"i{i}", "genres", genres[i % 3]);
            if (i % 4 == 0)
            {
                b.ItemAttributes.AddTag($"i{i}", "genres", "Rare");
                b.ItemAttributes.AddTag($"i{i}", "genres", "Drama");
            }

            b.ItemAttributes.SetText($"i{i}", "title", $"{words[i % 4]} {words[(i + 1) % 4]} {words[i % 4]}");
        }

        for (var u = 0; u < 5; u++)
        {
            for (var k = 0; k < 4; k++)
            {
                b.Add($"u{u}", $"i{(u + (2 * k)) % 8}", 1 + ((u + k) % 5));
            }
        }

        return b.Build();
    }

    private static float[] AllScores(ContentBased model, Dataset data)
    {
        var all = new float[data.UserCount * data.ItemCount];
        for (var u = 0; u < data.UserCount; u++)
        {
            model.ScoreItems(u, all.AsSpan(u * data.ItemCount, data.ItemCount));
        }

        return all;
    }

    private static string ItemGenre(Dataset data, int item) => data.Items[item].StartsWith('r') || data.Items[item] == TasteData.ColdRomance ? "Romance" : "Sci-Fi";
}
