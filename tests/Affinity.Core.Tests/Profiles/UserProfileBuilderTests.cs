using System.Text.Json;
using Affinity.Core.Data;
using Affinity.Core.Features;
using Affinity.Core.Profiles;

namespace Affinity.Core.Tests.Profiles;

public sealed class UserProfileBuilderTests
{
    private const int Precision = 6;
    private const long Day = 86_400;

    [Fact]
    public void Explicit_ratings_centred_on_the_users_mean_make_affinities_and_aversions()
    {
        var (data, features) = Movies();

        var profile = new UserProfileBuilder(data, features).Build(data.Users.IndexOf("u1"));

        // u1 rated i1 (Action, Sci-Fi) 5, i2 (Drama) 2, i3 (Drama, Sci-Fi) 5: mean 4, weights +1, -2, +1, Σ|w| = 4.
        // Sci-Fi (1 + 1) / 4 = 0.5; Action 1 / 4 = 0.25; Drama (-2 + 1) / 4 = -0.25.
        Assert.Equal(["genres=Sci-Fi", "genres=Action"], profile.Affinities.Select(a => a.Name));
        Assert.Equal([0.5, 0.25], profile.Affinities.Select(a => a.Weight));
        Assert.Equal([2, 1], profile.Affinities.Select(a => a.Support));
        Assert.Equal(("genres", "Sci-Fi"), (profile.Affinities[0].Field, profile.Affinities[0].Value));
        Assert.Equal(features.Features.IndexOf("genres=Sci-Fi"), profile.Affinities[0].Feature);
        var drama = Assert.Single(profile.Aversions);
        Assert.Equal(("genres=Drama", -0.25, 2), (drama.Name, drama.Weight, drama.Support));

        // Ratings 5, 2, 5: mean 4, population variance (1 + 4 + 1) / 3 = 2, deviation √2.
        Assert.Equal(4, profile.Ratings!.Mean, Precision);
        Assert.Equal(Math.Sqrt(2), profile.Ratings.StandardDeviation, Precision);
        Assert.Equal((0, "u1", FeedbackKind.Explicit), (profile.User, profile.UserId, profile.Kind));
    }

    [Fact]
    public void Title_words_and_numeric_fields_are_left_out_unless_named()
    {
        var (data, features) = Movies();
        var user = data.Users.IndexOf("u1");

        var byDefault = new UserProfileBuilder(data, features).Build(user);
        var words = new UserProfileBuilder(data, features, new UserProfileOptions { Fields = ["title"] }).Build(user);

        Assert.All(byDefault.Affinities.Concat(byDefault.Aversions), a => Assert.Equal("genres", a.Field));

        // "star" is in i1 and i3 (+1 + 1) / 4 = 0.5; "wars" (i1) and "trek" (i3) 0.25 each; "love", "story" (i2) -2 / 4.
        Assert.Equal(["title:star", "title:trek", "title:wars"], words.Affinities.Select(a => a.Name));
        Assert.Equal([0.5, 0.25, 0.25], words.Affinities.Select(a => a.Weight));
        Assert.Equal([-0.5, -0.5], words.Aversions.Select(a => a.Weight));
    }

    [Fact]
    public void Activity_and_recency_count_days_up_to_the_datasets_latest_event()
    {
        var (data, features) = Movies();

        var profile = new UserProfileBuilder(data, features).Build(data.Users.IndexOf("u1"));

        // u1 rated at t = 0 (day 0) and twice at t = 2 days; u2's rating at 10 days is the dataset's latest.
        Assert.Equal(new ActivityLevel(3, 2, 1.5), profile.Activity);
        Assert.Equal(new Recency(0, 2 * Day, 8), profile.Recency);
    }

    [Fact]
    public void A_half_life_decays_older_interactions()
    {
        var (data, features) = Movies();
        var options = new UserProfileOptions { HalfLifeDays = 2, ReferenceTime = 2 * Day };

        var profile = new UserProfileBuilder(data, features, options).Build(data.Users.IndexOf("u1"));

        // At the reference time 2 days, i1 (rated at day 0) is one half-life old: weights +1 · 0.5, -2, +1, Σ|w| = 3.5.
        // Sci-Fi (0.5 + 1) / 3.5 = 0.428571; Action 0.5 / 3.5 = 0.142857; Drama (-2 + 1) / 3.5 = -0.285714.
        Assert.Equal([1.5 / 3.5, 0.5 / 3.5], profile.Affinities.Select(a => a.Weight));
        Assert.Equal(-1 / 3.5, profile.Aversions[0].Weight, Precision);
        Assert.Equal(0, profile.Recency!.DaysSinceLast);

        // The rating tendency is of the ratings themselves, not decayed.
        Assert.Equal(4, profile.Ratings!.Mean, Precision);
    }

    [Fact]
    public void Implicit_values_are_the_weights_and_no_timestamps_means_no_recency()
    {
        var builder = new DatasetBuilder("plays", FeedbackKind.Implicit);
        AddGenres(builder);
        builder.Add("u1", "i1", 3);
        builder.Add("u1", "i3", 1);
        var data = builder.Build();
        var features = FeatureEncoder.Encode(data.ItemAttributes, new FeatureEncoderOptions { MinDocumentFrequency = 1, TfIdf = false });

        var profile = new UserProfileBuilder(data, features, new UserProfileOptions { HalfLifeDays = 1 }).Build(data.Users.IndexOf("u1"));

        // Plays 3 and 1, Σ = 4: Sci-Fi (3 + 1) / 4 = 1, Action 3 / 4 = 0.75, Drama 1 / 4 = 0.25; the half-life has no timestamps to act on.
        Assert.Equal([1.0, 0.75, 0.25], profile.Affinities.Select(a => a.Weight));
        Assert.Empty(profile.Aversions);
        Assert.Null(profile.Ratings);
        Assert.Null(profile.Recency);
        Assert.Equal(new ActivityLevel(2, null, null), profile.Activity);
    }

    [Fact]
    public void Declared_attributes_are_listed_by_field_name()
    {
        var (data, features) = Movies();

        var profile = new UserProfileBuilder(data, features).Build(data.Users.IndexOf("u1"));

        Assert.Equal([new("age", "30"), new("gender", "F"), new("occupation", "writer")], profile.Attributes);
    }

    [Fact]
    public void A_user_without_interactions_has_attributes_and_nothing_else()
    {
        var (data, features) = Movies();

        var profile = new UserProfileBuilder(data, features).Build(data.Users.IndexOf("u3"));

        Assert.Empty(profile.Affinities);
        Assert.Empty(profile.Aversions);
        Assert.Null(profile.Ratings);
        Assert.Null(profile.Recency);
        Assert.Equal(new ActivityLevel(0, 0, null), profile.Activity);
        Assert.Equal([new("gender", "M")], profile.Attributes);
    }

    [Fact]
    public void A_history_outside_the_dataset_is_profiled_the_same_way_without_a_user()
    {
        var (data, features) = Movies();
        var builder = new UserProfileBuilder(data, features);
        int[] items = [data.Items.IndexOf("i1"), data.Items.IndexOf("i2"), data.Items.IndexOf("i3")];

        var same = builder.Build(items, [5f, 2f, 5f], [0, 2 * Day, 2 * Day]);
        var fresh = builder.Build([data.Items.IndexOf("i1"), data.Items.IndexOf("i2")], [5f, 1f], []);
        var live = builder.Build([data.Items.IndexOf("i4")], [4f], [12 * Day]);

        var stored = builder.Build(data.Users.IndexOf("u1"));
        Assert.Equal(stored.Affinities, same.Affinities);
        Assert.Equal(stored.Aversions, same.Aversions);
        Assert.Equal(stored.Activity, same.Activity);
        Assert.Equal(stored.Recency, same.Recency);
        Assert.Equal((-1, (string?)null), (same.User, same.UserId));
        Assert.Empty(same.Attributes);

        // Ratings 5 and 1: mean 3, weights +2, -2; Action and Sci-Fi (i1) +2 / 4, Drama (i2) -2 / 4; ties in column order.
        Assert.Equal(["genres=Action", "genres=Sci-Fi"], fresh.Affinities.Select(a => a.Name));
        Assert.Equal([0.5, 0.5], fresh.Affinities.Select(a => a.Weight));
        Assert.Equal(-0.5, Assert.Single(fresh.Aversions).Weight);
        Assert.Null(fresh.Recency);

        // A live event after the dataset's latest is its own reference: 0 days since; one rating centred is 0, no affinity.
        Assert.Equal(0, live.Recency!.DaysSinceLast);
        Assert.Empty(live.Affinities);
    }

    [Fact]
    public void Top_features_limits_both_lists()
    {
        var (data, features) = Movies();
        var user = data.Users.IndexOf("u1");

        var one = new UserProfileBuilder(data, features, new UserProfileOptions { TopFeatures = 1 }).Build(user);
        var none = new UserProfileBuilder(data, features, new UserProfileOptions { TopFeatures = 0 }).Build(user);

        Assert.Equal(["genres=Sci-Fi"], one.Affinities.Select(a => a.Name));
        Assert.Single(one.Aversions);
        Assert.Empty(none.Affinities);
        Assert.Empty(none.Aversions);
    }

    [Fact]
    public void Misuse_is_refused()
    {
        var (data, features) = Movies();
        var builder = new UserProfileBuilder(data, features);
        var other = FeatureEncoder.Encode(data.UserAttributes);

        Assert.Throws<ArgumentException>(() => new UserProfileBuilder(data, other));
        Assert.Throws<ArgumentException>(() => new UserProfileBuilder(data, features, new UserProfileOptions { Fields = ["tags"] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Build(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Build(data.UserCount));
        Assert.Throws<ArgumentException>(() => builder.Build([0, 1], [1f], []));
        Assert.Throws<ArgumentException>(() => builder.Build([0], [1f], [1, 2]));
        Assert.Throws<ArgumentException>(() => builder.Build([0], [float.NaN], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Build([data.ItemCount], [1f], []));
    }

    [Fact]
    public void Options_are_validated_and_survive_a_json_round_trip()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UserProfileOptions { TopFeatures = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new UserProfileOptions { HalfLifeDays = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new UserProfileOptions { HalfLifeDays = double.NaN });
        Assert.Throws<ArgumentException>(() => new UserProfileOptions { Fields = ["genres", "genres"] });

        var options = new UserProfileOptions { TopFeatures = 3, HalfLifeDays = 30, Fields = ["genres", "tags"], ReferenceTime = 42 };
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var back = JsonSerializer.Deserialize<UserProfileOptions>(JsonSerializer.Serialize(options, web), web);

        Assert.Equal(options, back);
        Assert.NotEqual(options, options with { Fields = ["genres"] });
        Assert.NotEqual(options, options with { HalfLifeDays = null });
    }

    /// <summary>
    /// Items i1 "Star Wars" (Action, Sci-Fi), i2 "Love Story" (Drama), i3 "Star Trek" (Drama, Sci-Fi),
    /// i4 (Comedy, nobody rated it); u1 rated i1 5 at day 0, i2 2 and i3 5 at day 2; u2 rated i2 4 at day 10;
    /// u3 has only attributes. Features are 0/1: no TF-IDF, every value kept.
    /// </summary>
    private static (Dataset Data, FeatureMatrix Features) Movies()
    {
        var builder = new DatasetBuilder("movies", FeedbackKind.Explicit);
        AddGenres(builder);
        builder.ItemAttributes.SetText("i1", "title", "Star Wars");
        builder.ItemAttributes.SetText("i2", "title", "Love Story");
        builder.ItemAttributes.SetText("i3", "title", "Star Trek");
        builder.ItemAttributes.SetNumeric("i1", "year", 1977);
        builder.ItemAttributes.SetNumeric("i3", "year", 1979);
        builder.UserAttributes.SetNumeric("u1", "age", 30);
        builder.UserAttributes.SetCategorical("u1", "gender", "F");
        builder.UserAttributes.SetCategorical("u1", "occupation", "writer");
        builder.UserAttributes.SetCategorical("u3", "gender", "M");
        builder.AddUser("u1");
        builder.AddUser("u2");
        builder.AddUser("u3");
        builder.Add("u1", "i1", 5, 0);
        builder.Add("u1", "i2", 2, 2 * Day);
        builder.Add("u1", "i3", 5, 2 * Day);
        builder.Add("u2", "i2", 4, 10 * Day);
        var data = builder.Build();
        return (data, FeatureEncoder.Encode(data.ItemAttributes, new FeatureEncoderOptions { MinDocumentFrequency = 1, TfIdf = false }));
    }

    private static void AddGenres(DatasetBuilder builder)
    {
        (string Item, string Genre)[] genres = [("i1", "Action"), ("i1", "Sci-Fi"), ("i2", "Drama"), ("i3", "Drama"), ("i3", "Sci-Fi"), ("i4", "Comedy")];
        foreach (var (item, genre) in genres)
        {
            builder.ItemAttributes.AddTag(item, "genres", genre);
        }
    }
}
