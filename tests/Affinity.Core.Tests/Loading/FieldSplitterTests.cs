using Affinity.Core.Data;
using Affinity.Core.Loading;

namespace Affinity.Core.Tests.Loading;

public sealed class FieldSplitterTests
{
    private static string[] Split(FieldSplitter splitter, string line)
    {
        var count = splitter.Split(line, "mem", 7);
        var fields = new string[count];
        for (var i = 0; i < count; i++)
        {
            fields[i] = splitter[i].ToString();
        }

        return fields;
    }

    [Fact]
    public void Plain_fields_split_at_every_delimiter_keeping_empty_ones()
    {
        var splitter = new FieldSplitter("|", quoting: false);
        Assert.Equal(["267", "unknown", "", "", "", "1"], Split(splitter, "267|unknown||||1"));
        Assert.Equal([""], Split(splitter, ""));
        Assert.Equal(["a", ""], Split(splitter, "a|"));
    }

    [Fact]
    public void A_multi_character_delimiter_splits_only_on_the_whole_string()
    {
        var splitter = new FieldSplitter("::", quoting: false);
        Assert.Equal(["1", "Toy Story (1995)", "Animation|Children's"], Split(splitter, "1::Toy Story (1995)::Animation|Children's"));
        Assert.Equal(["a:b", "c"], Split(splitter, "a:b::c"));
    }

    [Fact]
    public void Quoted_fields_keep_commas_and_turn_doubled_quotes_into_one()
    {
        var splitter = new FieldSplitter(",", quoting: true);
        Assert.Equal(["11", "American President, The (1995)", "Comedy|Drama"], Split(splitter, "11,\"American President, The (1995)\",Comedy|Drama"));
        Assert.Equal(["7789", "11'09\"01 - September 11 (2002)", "Drama"], Split(splitter, "7789,\"11'09\"\"01 - September 11 (2002)\",Drama"));
        Assert.Equal(["567", "\"artsy\"", "1525285878"], Split(splitter, "567,\"\"\"artsy\"\"\",1525285878"));
        Assert.Equal(["", "x", ""], Split(splitter, "\"\",x,\"\""));
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_text()
    {
        var splitter = new FieldSplitter(",", quoting: true);
        Assert.Equal(["say \"hi\"", "2"], Split(splitter, "say \"hi\",2"));
    }

    [Fact]
    public void Quoting_works_with_a_multi_character_delimiter()
    {
        var splitter = new FieldSplitter("::", quoting: true);
        Assert.Equal(["a::b", "c"], Split(splitter, "\"a::b\"::c"));
    }

    [Fact]
    public void An_unclosed_quote_is_an_error_naming_line_and_field()
    {
        var splitter = new FieldSplitter(",", quoting: true);
        var e = Assert.Throws<DataFormatException>(() => splitter.Split("1,\"open title,3", "movies.csv", 12, ["movieId", "title", "genres"]));
        Assert.Equal(("movies.csv", 12L, "title"), (e.Source, e.Line, e.Field));
        Assert.Contains("not closed", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error()
    {
        var splitter = new FieldSplitter(",", quoting: true);
        var e = Assert.Throws<DataFormatException>(() => splitter.Split("1,\"a\"b,3", "f.csv", 2));
        Assert.Equal((2L, "#2"), (e.Line, e.Field));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"")]
    [InlineData("a\nb")]
    public void Unusable_delimiters_are_refused(string delimiter)
        => Assert.ThrowsAny<ArgumentException>(() => new FieldSplitter(delimiter, quoting: true));
}
