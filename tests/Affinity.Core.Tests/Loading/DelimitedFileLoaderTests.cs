using Affinity.Core.Data;
using Affinity.Core.Loading;

namespace Affinity.Core.Tests.Loading;

public sealed class DelimitedFileLoaderTests
{
    private static Dataset Load(string text, ColumnMapping mapping, string source = "events.csv")
        => DelimitedFileLoader.Load(new StringReader(text), source, mapping);

    private static DataFormatException Fails(string text, ColumnMapping mapping)
        => Assert.Throws<DataFormatException>(() => Load(text, mapping));

    [Fact]
    public void A_csv_with_a_header_maps_columns_by_name_in_any_order()
    {
        const string csv = "time,kind,product,customer,qty\r\n2024-01-02T03:04:05Z,view,\"p,1\",c1,2\r\n2024-01-02,buy,p2,c2,1.5\r\n";
        var mapping = new ColumnMapping("customer", "product", value: "qty", timestamp: "time", eventType: "kind", timestampFormat: TimestampFormat.Iso8601);
        var data = Load(csv, mapping);
        Assert.Equal(("events.csv", 2, FeedbackKind.Implicit), (data.Name, data.Count, data.Kind));
        Assert.Equal(["c1", "c2"], data.Users.Ids);
        Assert.Equal(["p,1", "p2"], data.Items.Ids);
        Assert.Equal([2f, 1.5f], data.Values.ToArray());

        // 2024-01-02T03:04:05Z = 1704164645; 2024-01-02 (UTC midnight) = 1704164645 - 3*3600 - 4*60 - 5 = 1704153600.
        Assert.Equal([1_704_164_645L, 1_704_153_600L], data.Timestamps.ToArray());
        Assert.Equal(["view", "buy"], data.EventTypeNames.Ids);
    }

    [Fact]
    public void A_headerless_file_maps_columns_by_position_with_any_delimiter()
    {
        var tsv = Load("1\t10\t4\n2\t20\t5\n", new ColumnMapping(0, 1, value: 2, hasHeader: false, delimiter: "\t", feedbackKind: FeedbackKind.Explicit));
        Assert.Equal([4f, 5f], tsv.Values.ToArray());
        Assert.Equal(FeedbackKind.Explicit, tsv.Kind);
        var colons = Load("1::10::4::978300760\n", new ColumnMapping(0, 1, value: 2, timestamp: 3, hasHeader: false, delimiter: "::"));
        Assert.Equal(978_300_760L, colons.Timestamps[0]);
        var semicolons = Load("u;i\n1;10\n", new ColumnMapping("u", "i", delimiter: ";"));
        Assert.Equal(1f, semicolons.Values[0]);
        var pipes = Load("x|a|b\nq|1|10\n", new ColumnMapping(1, 2, delimiter: "|"));
        Assert.Equal(["1"], pipes.Users.Ids);
        Assert.Equal(["10"], pipes.Items.Ids);
    }

    [Fact]
    public void Without_a_value_column_every_interaction_is_worth_one_and_blank_lines_are_skipped()
    {
        var data = Load("u,i\n\na,x\n\nb,y\n", new ColumnMapping("u", "i"));
        Assert.Equal([1f, 1f], data.Values.ToArray());
        Assert.False(data.HasTimestamps);
    }

    [Fact]
    public void A_mapped_column_missing_from_the_header_is_an_error_listing_the_header()
    {
        var e = Fails("user,item,score\n1,2,3\n", new ColumnMapping("user", "item", value: "rating"));
        Assert.Equal(("events.csv", 1L, "rating"), (e.Source, e.Line, e.Field));
        Assert.Contains("user, item, score", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_named_twice_in_the_header_is_ambiguous()
    {
        var e = Fails("user,item,item\n1,2,3\n", new ColumnMapping("user", "item"));
        Assert.Equal((1L, "item"), (e.Line, e.Field));
    }

    [Fact]
    public void A_name_and_a_position_that_meet_on_one_column_are_refused()
    {
        var e = Fails("user,item\n1,2\n", new ColumnMapping("user", "item", value: 1));
        Assert.Contains("same column", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_position_past_the_last_field_is_an_error()
    {
        var e = Fails("1,2\n", new ColumnMapping(0, 1, value: 5, hasHeader: false));
        Assert.Equal((1L, "value (#6)"), (e.Line, e.Field));
    }

    [Fact]
    public void A_line_with_the_wrong_field_count_names_the_field_it_lacks()
    {
        var e = Fails("user,item,rating\n1,2,3\n1,2\n", new ColumnMapping("user", "item", value: "rating"));
        Assert.Equal((3L, "rating"), (e.Line, e.Field));
        Assert.Contains("2 fields, 3 expected", e.Reason, StringComparison.Ordinal);
        var extra = Fails("user,item\n1,2,3\n", new ColumnMapping("user", "item"));
        Assert.Equal((2L, "#3"), (extra.Line, extra.Field));
    }

    [Fact]
    public void A_truncated_last_line_is_an_error()
    {
        var e = Fails("1,2,3\n4,5,6\n7,8", new ColumnMapping(0, 1, value: 2, hasHeader: false));
        Assert.Equal((3L, "value (#3)"), (e.Line, e.Field));
    }

    [Theory]
    [InlineData("abc", "'abc' is not a number")]
    [InlineData("NaN", "not a finite number")]
    [InlineData("Infinity", "not a finite number")]
    public void A_value_that_is_not_a_finite_number_is_an_error(string value, string reason)
    {
        var e = Fails($"user,item,rating\n1,2,4\n1,3,{value}\n", new ColumnMapping("user", "item", value: "rating"));
        Assert.Equal((3L, "rating"), (e.Line, e.Field));
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_scale_refuses_values_off_it()
    {
        var e = Fails("user,item,rating\n1,2,6\n", new ColumnMapping("user", "item", value: "rating", scale: RatingScale.WholeStars));
        Assert.Equal((2L, "rating"), (e.Line, e.Field));
    }

    [Fact]
    public void An_empty_user_id_is_an_error_unless_rows_may_be_skipped()
    {
        const string csv = "user,item,rating\n1,2,4\n,3,5\n2,3,\n";
        var e = Fails(csv, new ColumnMapping("user", "item", value: "rating"));
        Assert.Equal((3L, "user"), (e.Line, e.Field));
        Assert.Contains("user id is missing", e.Reason, StringComparison.Ordinal);

        var skipped = Load(csv, new ColumnMapping("user", "item", value: "rating", missingValue: MissingValuePolicy.SkipRow));
        Assert.Equal([4f], skipped.Values.ToArray());

        // UseDefault fills values only; an id has no default.
        var stillFails = Fails(csv, new ColumnMapping("user", "item", value: "rating", missingValue: MissingValuePolicy.UseDefault));
        Assert.Equal((3L, "user"), (stillFails.Line, stillFails.Field));
    }

    [Fact]
    public void A_missing_value_fails_is_skipped_or_takes_the_default_as_told()
    {
        const string csv = "user,item,rating\n1,2,4\n2,3,\n";
        var e = Fails(csv, new ColumnMapping("user", "item", value: "rating"));
        Assert.Equal((3L, "rating", "the value is missing"), (e.Line, e.Field, e.Reason));
        Assert.Equal([4f], Load(csv, new ColumnMapping("user", "item", value: "rating", missingValue: MissingValuePolicy.SkipRow)).Values.ToArray());
        Assert.Equal([4f, 2.5f], Load(csv, new ColumnMapping("user", "item", value: "rating", missingValue: MissingValuePolicy.UseDefault, defaultValue: 2.5f)).Values.ToArray());
    }

    [Theory]
    [InlineData("2024-01-02T03:04:05.250+02:00", 1_704_157_445L)]
    [InlineData("2024-01-02 03:04:05", 1_704_164_645L)]
    [InlineData("2024-01-02T03:04Z", 1_704_164_640L)]
    public void Iso_timestamps_accept_offsets_fractions_and_a_space(string text, long expected)
    {
        // 03:04:05+02:00 is 01:04:05Z = 1704164645 - 2*3600 = 1704157445 (the fraction is dropped).
        var data = Load($"u,i,t\na,b,{text}\n", new ColumnMapping("u", "i", timestamp: "t", timestampFormat: TimestampFormat.Iso8601));
        Assert.Equal(expected, data.Timestamps[0]);
    }

    [Theory]
    [InlineData("01/02/2024", TimestampFormat.Iso8601)]
    [InlineData("2024-13-01", TimestampFormat.Iso8601)]
    [InlineData("1704164645.5", TimestampFormat.UnixSeconds)]
    [InlineData("2024-01-02", TimestampFormat.UnixSeconds)]
    public void Timestamps_in_another_form_are_errors(string text, TimestampFormat format)
    {
        var e = Fails($"u,i,t\na,b,{text}\n", new ColumnMapping("u", "i", timestamp: "t", timestampFormat: format));
        Assert.Equal((2L, "t"), (e.Line, e.Field));
    }

    [Fact]
    public void An_empty_file_with_a_header_expected_is_an_error()
        => Assert.Equal(1L, Fails(string.Empty, new ColumnMapping("u", "i")).Line);

    [Fact]
    public void A_file_path_names_the_dataset_after_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.Write("shop-events.csv", "\uFEFFuser,item\n1,2\n");
        var data = DelimitedFileLoader.Load(path, new ColumnMapping("user", "item"));
        Assert.Equal(("shop-events", 1), (data.Name, data.Count));
        var e = Assert.Throws<DataFormatException>(() => DelimitedFileLoader.Load(path, new ColumnMapping("user", "product")));
        Assert.Equal(path, e.Source);
    }
}
