using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;
using Affinity.Core.Loading;
using Affinity.Testing;

namespace Affinity.Core.Tests.Loading;

public sealed class MovieLens1MFixture
{
    public MovieLens1MFixture() => (Data, FoldOf) = MovieLens1M.LoadWithFolds(TestData.PathOf("ml-1m"));

    public Dataset Data { get; }

    public int[] FoldOf { get; }
}

/// <summary>Pins the counts that SOURCES.md checked for the real ml-1m files (ratings from the five folds).</summary>
public sealed class MovieLens1MTests(MovieLens1MFixture fixture) : IClassFixture<MovieLens1MFixture>
{
    private readonly Dataset _data = fixture.Data;

    [Fact]
    public void Counts_match_the_readme()
    {
        Assert.Equal(("ml-1m", FeedbackKind.Explicit), (_data.Name, _data.Kind));
        Assert.Equal(1_000_209, _data.Count);
        Assert.Equal(6040, _data.UserCount);
        Assert.Equal(3883, _data.ItemCount);
        Assert.Equal(3706, _data.ItemCounts().Count(c => c > 0));
        Assert.False(_data.HasTimestamps);
        Assert.False(_data.HasRepeatedPairs);
    }

    [Fact]
    public void Rating_histogram_matches_sources()
    {
        // 56174 + 107557 + 261197 + 348971 + 226310 = 1000209
        Assert.Equal([56_174, 107_557, 261_197, 348_971, 226_310], LoadingAssert.WholeStarHistogram(_data.Values));
    }

    [Fact]
    public void Folds_are_four_of_200042_and_one_of_200041_in_file_order()
    {
        var foldOf = fixture.FoldOf;
        Assert.Equal(_data.Count, foldOf.Length);
        Assert.Equal([200_042, 200_042, 200_042, 200_042, 200_041], foldOf.CountBy(f => f).OrderBy(p => p.Key).Select(p => p.Value));
        Assert.True(foldOf.AsSpan().SequenceEqual(foldOf.Order().ToArray()), "folds come in file order 0..4");

        // test_1m1.dat begins "1,938,4".
        Assert.Equal(("1", "938", 4f), (_data.Users[_data.UserIndexes[0]], _data.Items[_data.ItemIndexes[0]], _data.Values[0]));
    }

    [Fact]
    public void Load_without_ratings_dat_reads_the_same_folds()
    {
        var loaded = MovieLens1M.Load(TestData.PathOf("ml-1m"));
        Assert.Equal(_data.Count, loaded.Count);
        Assert.True(loaded.Values.SequenceEqual(_data.Values));
    }

    [Fact]
    public void Movies_hold_title_year_and_eighteen_genres()
    {
        var items = _data.ItemAttributes;
        var toyStory = _data.Items.IndexOf("1");
        Assert.Equal(0, toyStory);
        Assert.Equal("Toy Story (1995)", items.Get<TextColumn>("title").Values[toyStory]);
        Assert.Equal(1995, items.Get<NumericColumn>("year").Values[toyStory]);
        Assert.Equal(["Animation", "Children's", "Comedy"], items.Get<TagsColumn>("genres").TagsOf(toyStory).Order(StringComparer.Ordinal));
        Assert.Equal(18, items.Get<TagsColumn>("genres").Vocabulary.Count);
        Assert.Equal(3883, Enumerable.Range(0, _data.ItemCount).Count(items.Get<NumericColumn>("year").HasValue));
    }

    [Fact]
    public void Users_hold_gender_age_occupation_and_zip()
    {
        var users = _data.UserAttributes;
        var gender = users.Get<CategoricalColumn>("gender");
        Assert.Equal(4331, LoadingAssert.CountOf(gender, "M"));
        Assert.Equal(1709, LoadingAssert.CountOf(gender, "F"));
        Assert.Equal([1.0, 18, 25, 35, 45, 50, 56], users.Get<NumericColumn>("age").Values.ToArray().Distinct().Order());
        Assert.Equal(21, users.Get<CategoricalColumn>("occupation").Levels.Count);

        // users.dat line 1: 1::F::1::10::48067
        Assert.Equal(("F", "10", "48067"), (gender.ValueOf(0), users.Get<CategoricalColumn>("occupation").ValueOf(0), users.Get<CategoricalColumn>("zip").ValueOf(0)));
    }
}

/// <summary>ML-1M behaviour on small hand-written folders.</summary>
public sealed class MovieLens1MFolderTests
{
    private const string Movies = "1::Toy Story (1995)::Animation|Children's|Comedy\n2::Jumanji (1995)::Adventure\n3::Heat (1995)::Action\n";
    private const string Users = "1::F::1::10::48067\n2::M::56::16::70072\n";

    [Fact]
    public void Ratings_dat_is_preferred_and_brings_timestamps()
    {
        using var folder = new TempFolder();
        folder.Write("movies.dat", Movies);
        folder.Write("users.dat", Users);
        folder.Write("ratings.dat", "1::1::5::978300760\n2::2::3::978302109\n");
        folder.Write("folds/test_1m1.dat", "1,3,1\n");
        var data = MovieLens1M.Load(folder.Path);
        Assert.Equal(2, data.Count);
        Assert.Equal([978_300_760L, 978_302_109L], data.Timestamps.ToArray());
        Assert.Equal(3, data.ItemCount);
    }

    [Fact]
    public void Without_ratings_or_folds_load_says_what_is_missing()
    {
        using var folder = new TempFolder();
        folder.Write("movies.dat", Movies);
        folder.Write("users.dat", Users);
        var e = Assert.Throws<FileNotFoundException>(() => MovieLens1M.Load(folder.Path));
        Assert.Contains("ratings.dat", e.Message, StringComparison.Ordinal);
        Assert.Contains("test_1m1.dat", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_with_folds_refuses_a_folder_without_folds_even_with_ratings_dat()
    {
        using var folder = new TempFolder();
        folder.Write("movies.dat", Movies);
        folder.Write("users.dat", Users);
        folder.Write("ratings.dat", "1::1::5::978300760\n");
        var e = Assert.Throws<FileNotFoundException>(() => MovieLens1M.LoadWithFolds(folder.Path));
        Assert.Contains("folds are missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rating_of_six_is_off_the_scale()
    {
        using var folder = new TempFolder();
        folder.Write("movies.dat", Movies);
        folder.Write("users.dat", Users);
        var ratings = folder.Write("ratings.dat", "1::1::5::978300760\n2::2::6::978302109\n");
        var e = Assert.Throws<DataFormatException>(() => MovieLens1M.Load(folder.Path));
        Assert.Equal((ratings, 2L, "Rating"), (e.Source, e.Line, e.Field));
        Assert.Contains("off the scale", e.Reason, StringComparison.Ordinal);
    }
}
