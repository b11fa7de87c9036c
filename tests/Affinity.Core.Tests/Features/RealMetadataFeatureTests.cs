using System.Globalization;
using Affinity.Core.Data.Attributes;
using Affinity.Core.Features;
using Affinity.Core.Loading;
using Affinity.Core.Tests.Loading;
using Affinity.Testing;

namespace Affinity.Core.Tests.Features;

/// <summary>The encoder over the metadata the loaders read from the real datasets.</summary>
public sealed class RealMetadataFeatureTests
{
    private const int Precision = 5;

    [Fact]
    public void Ml100k_items_have_nineteen_genres_a_year_and_title_words()
    {
        var data = MovieLens100K.Load(TestData.PathOf("ml-100k"));

        var items = FeatureEncoder.Encode(data.ItemAttributes);

        Assert.Equal(data.ItemCount, items.RowCount);
        Assert.Equal(19, Count(items, "genres"));
        Assert.Equal(1, Count(items, "year"));
        Assert.InRange(Count(items, "title"), 500, 3000);
        Assert.Equal(0, Count(items, "imdb_url"));

        // Star Wars (1977), item 50: Action, Adventure, Romance, Sci-Fi, War; year (1977 - 1922) / (1998 - 1922).
        var starWars = data.Items.IndexOf("50");
        var names = Names(items, starWars);
        Assert.Equal(["genres=Action", "genres=Adventure", "genres=Romance", "genres=Sci-Fi", "genres=War"], names.Where(n => n.StartsWith("genres=", StringComparison.Ordinal)));
        Assert.Contains("title:star", names);
        Assert.Contains("title:1977", names);
        Assert.DoesNotContain("title:wars", names); // no other film's title has "wars"
        Assert.Equal((1977.0 - 1922) / (1998 - 1922), Value(items, starWars, "year"), Precision);

        // Item 267 "unknown" has no release date and no year feature, but keeps its row.
        Assert.DoesNotContain("year", Names(items, data.Items.IndexOf("267")));
    }

    [Fact]
    public void Ml100k_users_have_age_gender_and_occupation()
    {
        var data = MovieLens100K.Load(TestData.PathOf("ml-100k"));

        var users = FeatureEncoder.Encode(data.UserAttributes);

        // u.user: age, gender (2) and occupation (21); zip is excluded.
        Assert.Equal(1 + 2 + 21, users.FeatureCount);
        Assert.Equal(data.UserCount, users.RowCount);

        // User 196 is 49, M, writer; ages run from 7 to 73: (49 - 7) / (73 - 7) = 0.636364.
        var user = data.Users.IndexOf("196");
        Assert.Equal(["age", "gender=M", "occupation=writer"], Names(users, user));
        Assert.Equal(42.0 / 66, Value(users, user, "age"), Precision);
        Assert.Equal(1f, Value(users, user, "occupation=writer"));
    }

    [Fact]
    public void Ml1m_movies_and_users_encode_from_their_dat_files()
    {
        // Only the catalogue files are read for real; a two-line ratings.dat keeps the test fast.
        using var folder = new TempFolder();
        File.Copy(TestData.PathOf("ml-1m", "movies.dat"), Path.Combine(folder.Path, "movies.dat"));
        File.Copy(TestData.PathOf("ml-1m", "users.dat"), Path.Combine(folder.Path, "users.dat"));
        folder.Write("ratings.dat", "1::1::5::978824268\n2::1::3::978300760\n");
        var data = MovieLens1M.Load(folder.Path);

        var items = FeatureEncoder.Encode(data.ItemAttributes);
        var users = FeatureEncoder.Encode(data.UserAttributes);

        Assert.Equal(3883, items.RowCount);
        Assert.Equal(18, Count(items, "genres"));
        Assert.Equal(1, Count(items, "year"));
        var toyStory = Names(items, data.Items.IndexOf("1"));
        Assert.Equal(["genres=Animation", "genres=Children's", "genres=Comedy"], toyStory.Where(n => n.StartsWith("genres=", StringComparison.Ordinal)));
        Assert.Contains("title:toy", toyStory);

        // users.dat: gender (2), the 7 age groups as one numeric feature, 21 occupation codes; zip excluded.
        Assert.Equal(6040, users.RowCount);
        Assert.Equal(2 + 1 + 21, users.FeatureCount);
        Assert.Equal(["age", "gender=F", "occupation=10"], Names(users, data.Users.IndexOf("1")));
        Assert.Equal(0f, Value(users, data.Users.IndexOf("1"), "age")); // age group 1 is the youngest
    }

    [Fact]
    public void Latest_small_movies_have_genres_and_user_tags_weighted_by_count()
    {
        var data = MovieLensLatestSmall.Load(TestData.PathOf("ml-latest-small"));
        var table = data.ItemAttributes;

        var items = FeatureEncoder.Encode(table);

        // 19 genres: "(no genres listed)" is no genre.
        Assert.Equal(19, Count(items, "genres"));
        Assert.DoesNotContain("genres=(no genres listed)", items.Features.Ids);

        // Toy Story (movie 1) was tagged "pixar" twice and "fun" once; no other movie is tagged "pixar", so
        // the default minimum of 2 movies leaves that tag out, and a minimum of 1 keeps it.
        var toyStory = data.Items.IndexOf("1");
        var tags = table.Get<TagsColumn>("tags");
        Assert.Equal(2f, Weight(tags, toyStory, "pixar"));
        Assert.Equal(1f, Weight(tags, toyStory, "fun"));
        Assert.Equal(["tags=fun"], Names(items, toyStory).Where(n => n.StartsWith("tags=", StringComparison.Ordinal)));
        var everyTag = FeatureEncoder.Encode(table, new FeatureEncoderOptions { Fields = ["tags"], MinDocumentFrequency = 1 });
        Assert.Equal(tags.Vocabulary.Count, everyTag.FeatureCount);

        // tf-idf of "pixar" on Toy Story: (1 + ln 2) · (ln((1 + N) / (1 + 1)) + 1), N = 9742 movies.
        Assert.Equal((1 + Math.Log(2)) * (Math.Log(9743.0 / 2) + 1), Value(everyTag, toyStory, "tags=pixar"), Precision);

        // "funny", applied 3 times to movie 60756, is on 21 movies: (1 + ln 3) · (ln(9743 / 22) + 1).
        Assert.Equal(21, MoviesWith(tags, "funny"));
        Assert.Equal((1 + Math.Log(3)) * (Math.Log(9743.0 / 22) + 1), Value(items, data.Items.IndexOf("60756"), "tags=funny"), Precision);

        // 538 of the 1589 distinct tags are on at least two movies.
        Assert.Equal(1589, tags.Vocabulary.Count);
        Assert.Equal(538, Count(items, "tags"));
    }

    [Fact]
    public void Lastfm_artists_have_tags_weighted_by_their_taggers()
    {
        var data = LastFm.Load(TestData.PathOf("hetrec2011-lastfm-2k"));

        var items = FeatureEncoder.Encode(data.ItemAttributes);

        // Britney Spears (artist 289): "pop" applied by 108 users.
        var britney = data.Items.IndexOf("289");
        var tags = data.ItemAttributes.Get<TagsColumn>("tags");
        Assert.Equal(108f, Weight(tags, britney, "pop"));
        var expected = (1 + Math.Log(108)) * (Math.Log((1.0 + data.ItemCount) / (1 + MoviesWith(tags, "pop") /* artists tagged "pop" */)) + 1);
        Assert.Equal(expected, Value(items, britney, "tags=pop"), Precision);
        Assert.Contains("name:britney", Names(items, britney));
        Assert.Equal(0, Count(items, "url"));
    }

    private static int Count(FeatureMatrix features, string field)
        => Enumerable.Range(0, features.FeatureCount).Count(f => features.FieldOf(f) == field);

    private static List<string> Names(FeatureMatrix features, int row)
        => [.. features.Values.RowColumns(row).ToArray().Select(f => features.Features[f])];

    private static float Value(FeatureMatrix features, int row, string name)
    {
        var at = features.Values.RowColumns(row).IndexOf(features.Features.IndexOf(name));
        Assert.True(at >= 0, string.Create(CultureInfo.InvariantCulture, $"row {row} has no {name}"));
        return features.Values.RowValues(row)[at];
    }

    private static float Weight(TagsColumn tags, int row, string tag)
        => tags.Matrix.RowValues(row)[tags.Matrix.RowColumns(row).IndexOf(tags.Vocabulary.IndexOf(tag))];

    private static int MoviesWith(TagsColumn tags, string tag)
    {
        var column = tags.Vocabulary.IndexOf(tag);
        var count = 0;
        for (var row = 0; row < tags.RowCount; row++)
        {
            count += tags.Matrix.Contains(row, column) ? 1 : 0;
        }

        return count;
    }
}
