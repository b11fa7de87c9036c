using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;
using Affinity.Core.Loading;
using Affinity.Testing;

namespace Affinity.Core.Tests.Loading;

public sealed class MovieLensLatestSmallFixture
{
    public Dataset Data { get; } = MovieLensLatestSmall.Load(TestData.PathOf("ml-latest-small"));
}

/// <summary>Pins the counts that SOURCES.md checked for the real ml-latest-small files.</summary>
public sealed class MovieLensLatestSmallTests(MovieLensLatestSmallFixture fixture) : IClassFixture<MovieLensLatestSmallFixture>
{
    private readonly Dataset _data = fixture.Data;

    [Fact]
    public void Counts_match_the_readme()
    {
        Assert.Equal(("ml-latest-small", FeedbackKind.Explicit), (_data.Name, _data.Kind));
        Assert.Equal(100_836, _data.Count);
        Assert.Equal(610, _data.UserCount);
        Assert.Equal(9742, _data.ItemCount);
        Assert.Equal(9724, _data.ItemCounts().Count(c => c > 0));
        Assert.Equal(20, _data.UserCounts().Min());
    }

    [Fact]
    public void Half_star_ratings_parse_exactly()
    {
        var histogram = _data.Values.ToArray().CountBy(v => v).ToDictionary();
        Assert.Equal(10, histogram.Count);
        Assert.Equal(1370, histogram[0.5f]);
        Assert.Equal(13_136, histogram[3.5f]);
        Assert.Equal(26_818, histogram[4f]);
    }

    [Fact]
    public void Timestamps_span_1996_03_29_to_2018_09_24()
    {
        Assert.Equal(828_124_615, _data.Timestamps.ToArray().Min());
        Assert.Equal(1_537_799_250, _data.Timestamps.ToArray().Max());
    }

    [Fact]
    public void Quoted_titles_with_commas_and_doubled_quotes_parse_right()
    {
        var titles = _data.ItemAttributes.Get<TextColumn>("title");
        var years = _data.ItemAttributes.Get<NumericColumn>("year");
        var president = _data.Items.IndexOf("11");
        Assert.Equal("American President, The (1995)", titles.Values[president]);
        Assert.Equal(1995, years.Values[president]);
        Assert.Equal("11'09\"01 - September 11 (2002)", titles.Values[_data.Items.IndexOf("7789")]);
        Assert.Equal(["Comedy", "Drama", "Romance"], _data.ItemAttributes.Get<TagsColumn>("genres").TagsOf(president).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Years_tolerate_a_trailing_space_and_are_missing_without_parentheses()
    {
        var years = _data.ItemAttributes.Get<NumericColumn>("year");
        Assert.Equal(1999, years.Values[_data.Items.IndexOf("27008")]);
        Assert.False(years.HasValue(_data.Items.IndexOf("40697")));
    }

    [Fact]
    public void No_genres_listed_means_no_genres()
    {
        var genres = _data.ItemAttributes.Get<TagsColumn>("genres");
        Assert.Equal(19, genres.Vocabulary.Count);
        Assert.False(genres.Vocabulary.Contains("(no genres listed)"));
        Assert.Equal(34, Enumerable.Range(0, _data.ItemCount).Count(i => !genres.HasValue(i)));
    }

    [Fact]
    public void Tags_count_applications_and_keep_their_case()
    {
        var tags = _data.ItemAttributes.Get<TagsColumn>("tags");
        Assert.Equal(3683f, tags.Matrix.Values.ToArray().Sum());
        Assert.Equal(1572, Enumerable.Range(0, _data.ItemCount).Count(tags.HasValue));
        Assert.Equal(1589, tags.Vocabulary.Count);

        var stepBrothers = _data.Items.IndexOf("60756");
        Assert.Contains("Highly quotable", tags.TagsOf(stepBrothers));
        Assert.Contains("\"artsy\"", tags.Vocabulary.Ids);

        // tags.csv holds "2,60756,funny" and "62,60756,funny": two applications.
        var funny = tags.Vocabulary.IndexOf("funny");
        var row = tags.Matrix.RowColumns(stepBrothers).IndexOf(funny);
        Assert.True(tags.Matrix.RowValues(stepBrothers)[row] >= 2f);
    }
}
