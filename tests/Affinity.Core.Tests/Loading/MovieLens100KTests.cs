using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;
using Affinity.Core.Loading;
using Affinity.Testing;

namespace Affinity.Core.Tests.Loading;

public sealed class MovieLens100KFixture
{
    public Dataset Data { get; } = MovieLens100K.Load(TestData.PathOf("ml-100k"));
}

/// <summary>Pins the counts that SOURCES.md checked for the real ml-100k files.</summary>
public sealed class MovieLens100KTests(MovieLens100KFixture fixture) : IClassFixture<MovieLens100KFixture>
{
    private readonly Dataset _data = fixture.Data;

    [Fact]
    public void Counts_match_the_readme()
    {
        Assert.Equal(("ml-100k", FeedbackKind.Explicit), (_data.Name, _data.Kind));
        Assert.Equal(100_000, _data.Count);
        Assert.Equal(943, _data.UserCount);
        Assert.Equal(1682, _data.ItemCount);
        Assert.False(_data.HasRepeatedPairs);
    }

    [Fact]
    public void Rating_histogram_matches_sources()
    {
        // 6110 + 11370 + 27145 + 34174 + 21201 = 100000
        Assert.Equal([6110, 11370, 27145, 34174, 21201], LoadingAssert.WholeStarHistogram(_data.Values));
    }

    [Fact]
    public void Every_user_has_at_least_twenty_ratings()
        => Assert.Equal(20, _data.UserCounts().Min());

    [Fact]
    public void Timestamps_span_1997_09_20_to_1998_04_22()
    {
        Assert.True(_data.HasTimestamps);
        Assert.Equal(874_724_710, _data.Timestamps.ToArray().Min());
        Assert.Equal(893_286_638, _data.Timestamps.ToArray().Max());
    }

    [Fact]
    public void Items_and_users_follow_file_order_so_index_k_is_id_k_plus_one()
    {
        Assert.Equal(("1", "1682"), (_data.Items[0], _data.Items[1681]));
        Assert.Equal(("1", "943"), (_data.Users[0], _data.Users[942]));
    }

    [Fact]
    public void Item_attributes_hold_title_year_genres_and_url()
    {
        var items = _data.ItemAttributes;
        var toyStory = _data.Items.IndexOf("1");
        Assert.Equal("Toy Story (1995)", items.Get<TextColumn>("title").Values[toyStory]);
        Assert.Equal(1995, items.Get<NumericColumn>("year").Values[toyStory]);
        Assert.Equal(["Animation", "Children's", "Comedy"], items.Get<TagsColumn>("genres").TagsOf(toyStory).Order(StringComparer.Ordinal));
        Assert.Equal("http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)", items.Get<TextColumn>("imdb_url").Values[toyStory]);
        Assert.Equal(19, items.Get<TagsColumn>("genres").Vocabulary.Count);
    }

    [Fact]
    public void Item_267_is_kept_with_title_unknown_and_no_year()
    {
        var items = _data.ItemAttributes;
        var unknown = _data.Items.IndexOf("267");
        Assert.True(unknown >= 0);
        Assert.Equal("unknown", items.Get<TextColumn>("title").Values[unknown]);
        Assert.False(items.Get<NumericColumn>("year").HasValue(unknown));
        Assert.False(items.Get<TextColumn>("imdb_url").HasValue(unknown));
        Assert.Equal(["unknown"], items.Get<TagsColumn>("genres").TagsOf(unknown));
    }

    [Fact]
    public void User_attributes_hold_age_gender_occupation_and_zip()
    {
        var users = _data.UserAttributes;
        var gender = users.Get<CategoricalColumn>("gender");
        Assert.Equal(670, LoadingAssert.CountOf(gender, "M"));
        Assert.Equal(273, LoadingAssert.CountOf(gender, "F"));
        var ages = users.Get<NumericColumn>("age").Values.ToArray();
        Assert.Equal((7, 73), (ages.Min(), ages.Max()));
        Assert.Equal(21, users.Get<CategoricalColumn>("occupation").Levels.Count);

        // u.user line 1: 1|24|M|technician|85711
        Assert.Equal("technician", users.Get<CategoricalColumn>("occupation").ValueOf(0));
        Assert.Equal("85711", users.Get<CategoricalColumn>("zip").ValueOf(0));
    }

    [Fact]
    public void The_archive_folds_partition_the_ratings_into_five_of_20000()
    {
        var (data, foldOf) = MovieLens100K.LoadWithFolds(TestData.PathOf("ml-100k"));
        Assert.Equal(data.Count, foldOf.Length);
        Assert.Equal([20_000, 20_000, 20_000, 20_000, 20_000], foldOf.CountBy(f => f).OrderBy(p => p.Key).Select(p => p.Value));
    }

    [Fact]
    public void A_single_ratings_file_loads_without_attributes()
    {
        var train = MovieLens100K.LoadRatingsFile(TestData.PathOf("ml-100k", "u1.base"), "u1.base");
        Assert.Equal(("u1.base", 80_000), (train.Name, train.Count));
        Assert.Empty(train.ItemAttributes.Columns);
        Assert.True(train.HasTimestamps);
    }
}
