using System.Text;
using Affinity.Core.Data;
using Affinity.Core.Loading;

namespace Affinity.Core.Tests.Loading;

/// <summary>Every malformed line of a known format is an error naming file, line and field, never a zero.</summary>
public sealed class MalformedDatasetFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string MovieLens100KFolder(string ratings, string? items = null)
    {
        _folder.Write("u.genre", "unknown|0\nAction|1\n\n");
        _folder.Write("u.item", items ?? "1|Toy Story (1995)|01-Jan-1995||http://x|0|1\n2|GoldenEye (1995)|1-Jan-1995|||0|1\n", Encoding.Latin1);
        _folder.Write("u.user", "1|24|M|technician|85711\n2|53|F|other|94043\n");
        _folder.Write("u.data", ratings);
        return _folder.Path;
    }

    private DataFormatException LoadFails(string ratings, string? items = null)
        => Assert.Throws<DataFormatException>(() => MovieLens100K.Load(MovieLens100KFolder(ratings, items)));

    private void AssertAt(DataFormatException e, string file, long line, string field, string reasonPart)
    {
        Assert.Equal(Path.Combine(_folder.Path, file), e.Source);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(reasonPart, e.Reason, StringComparison.Ordinal);
        Assert.Contains($"{file}:{line}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_well_formed_small_folder_loads()
    {
        var data = MovieLens100K.Load(MovieLens100KFolder("1\t1\t5\t881250949\n2\t2\t3\t881250950\n"));
        Assert.Equal((2, 2, 2), (data.Count, data.UserCount, data.ItemCount));
        Assert.Equal([5f, 3f], data.Values.ToArray());
    }

    [Fact]
    public void Too_few_fields_names_the_first_missing_field()
        => AssertAt(LoadFails("1\t1\t5\t881250949\n2\t2\t3\n"), "u.data", 2, "timestamp", "3 fields, 4 expected");

    [Fact]
    public void Too_many_fields_names_the_first_extra_field()
        => AssertAt(LoadFails("1\t1\t5\t881250949\t7\n"), "u.data", 1, "#5", "5 fields, 4 expected");

    [Fact]
    public void A_truncated_last_line_is_an_error_not_a_partial_rating()
        => AssertAt(LoadFails("1\t1\t5\t881250949\n2\t2"), "u.data", 2, "rating", "2 fields, 4 expected");

    [Fact]
    public void A_rating_that_is_not_a_number_is_an_error()
        => AssertAt(LoadFails("1\t1\tabc\t881250949\n"), "u.data", 1, "rating", "'abc' is not a number");

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void A_rating_that_is_not_finite_is_an_error(string rating)
        => AssertAt(LoadFails($"1\t1\t{rating}\t881250949\n"), "u.data", 1, "rating", "not a finite number");

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("3.5")]
    public void A_rating_off_the_whole_star_scale_is_an_error(string rating)
        => AssertAt(LoadFails($"1\t1\t{rating}\t881250949\n"), "u.data", 1, "rating", "off the scale");

    [Fact]
    public void An_empty_user_id_is_an_error()
        => AssertAt(LoadFails("1\t1\t5\t881250949\n\t1\t5\t881250949\n"), "u.data", 2, "user id", "the id is empty");

    [Fact]
    public void A_non_numeric_id_is_an_error()
        => AssertAt(LoadFails("1\tx1\t5\t881250949\n"), "u.data", 1, "item id", "not a whole number");

    [Fact]
    public void A_timestamp_that_is_not_a_whole_number_is_an_error()
        => AssertAt(LoadFails("1\t1\t5\t8812.5\n"), "u.data", 1, "timestamp", "not a whole number");

    [Fact]
    public void A_genre_flag_other_than_0_or_1_names_the_genre()
        => AssertAt(LoadFails("1\t1\t5\t881250949\n", "1|Toy Story (1995)|01-Jan-1995||http://x|0|2\n"), "u.item", 1, "Action", "must be 0 or 1");

    [Fact]
    public void A_bad_release_date_is_an_error()
        => AssertAt(LoadFails("1\t1\t5\t881250949\n", "1|Toy Story (1995)|1995-01-01||http://x|0|1\n"), "u.item", 1, "release date", "not a date");

    [Fact]
    public void A_csv_header_that_differs_is_an_error_on_line_one()
    {
        _folder.Write("movies.csv", "movieId,title,genres\n1,Toy Story (1995),Comedy\n");
        _folder.Write("ratings.csv", "user,movieId,rating,timestamp\n1,1,4.0,964982703\n");
        _folder.Write("tags.csv", "userId,movieId,tag,timestamp\n");
        var e = Assert.Throws<DataFormatException>(() => MovieLensLatestSmall.Load(_folder.Path));
        AssertAt(e, "ratings.csv", 1, "userId", "'user'");
    }

    [Fact]
    public void A_half_star_file_refuses_a_rating_off_the_half_star_grid()
    {
        _folder.Write("movies.csv", "movieId,title,genres\r\n1,\"Toy, Story (1995)\",Comedy\r\n");
        _folder.Write("ratings.csv", "userId,movieId,rating,timestamp\r\n1,1,4.5,964982703\r\n1,1,3.3,964982703\r\n");
        _folder.Write("tags.csv", "userId,movieId,tag,timestamp\r\n");
        var e = Assert.Throws<DataFormatException>(() => MovieLensLatestSmall.Load(_folder.Path));
        AssertAt(e, "ratings.csv", 3, "rating", "off the scale 0.5..5 in steps of 0.5");
    }

    [Fact]
    public void A_tag_on_a_movie_missing_from_movies_csv_is_an_error()
    {
        _folder.Write("movies.csv", "movieId,title,genres\n1,Toy Story (1995),Comedy\n");
        _folder.Write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n");
        _folder.Write("tags.csv", "userId,movieId,tag,timestamp\n1,1,pixar,1\n1,2,funny,1\n");
        var e = Assert.Throws<DataFormatException>(() => MovieLensLatestSmall.Load(_folder.Path));
        AssertAt(e, "tags.csv", 3, "movieId", "not in movies.csv");
    }

    [Fact]
    public void A_negative_play_count_is_an_error()
    {
        _folder.Write("artists.dat", "id\tname\turl\tpictureURL\n1\tA\thttp://a\t\n");
        _folder.Write("tags.dat", "tagID\ttagValue\n");
        _folder.Write("user_artists.dat", "userID\tartistID\tweight\r\n7\t1\t-3\r\n");
        _folder.Write("user_taggedartists.dat", "userID\tartistID\ttagID\tday\tmonth\tyear\n");
        var e = Assert.Throws<DataFormatException>(() => LastFm.Load(_folder.Path));
        AssertAt(e, "user_artists.dat", 2, "weight", "negative");
    }

    [Fact]
    public void A_missing_folder_or_file_is_reported_plainly()
    {
        Assert.Throws<DirectoryNotFoundException>(() => MovieLens100K.Load(Path.Combine(_folder.Path, "nope")));
        var e = Assert.Throws<FileNotFoundException>(() => MovieLens100K.Load(_folder.Path));
        Assert.Contains("u.genre", e.Message, StringComparison.Ordinal);
    }
}
