using Affinity.Core.Data;
using Affinity.Core.Loading;

namespace Affinity.Core.Tests.Loading;

public sealed class JsonLinesLoaderTests
{
    private static readonly ColumnMapping Events = new("user", "item", value: "rating", timestamp: "ts", eventType: "type", feedbackKind: FeedbackKind.Explicit);

    private static Dataset Load(string text, ColumnMapping? mapping = null)
        => JsonLinesLoader.Load(new StringReader(text), "events.jsonl", mapping ?? Events);

    private static DataFormatException Fails(string text, ColumnMapping? mapping = null)
        => Assert.Throws<DataFormatException>(() => Load(text, mapping));

    [Fact]
    public void Ids_may_be_strings_or_numbers_and_values_numbers_or_numeric_strings()
    {
        const string jsonl = """
            {"user": "u1", "item": 42, "rating": 4.5, "ts": 1700000000, "type": "rate", "extra": {"nested": [1, {"a": null}]}}

            {"type": "rate", "ts": "1700000001", "rating": "3", "item": "i\u00e9", "user": 7}
            """;
        var data = Load(jsonl);
        Assert.Equal(2, data.Count);
        Assert.Equal(["u1", "7"], data.Users.Ids);
        Assert.Equal(["42", "ié"], data.Items.Ids);
        Assert.Equal([4.5f, 3f], data.Values.ToArray());
        Assert.Equal([1_700_000_000L, 1_700_000_001L], data.Timestamps.ToArray());
        Assert.Equal(FeedbackKind.Explicit, data.Kind);
    }

    [Fact]
    public void An_invalid_json_line_is_an_error_naming_its_line()
    {
        var e = Fails("{\"user\": 1, \"item\": 2, \"rating\": 3, \"ts\": 4, \"type\": \"a\"}\n{\"user\": 1, \"item\": \n");
        Assert.Equal(("events.jsonl", 2L), (e.Source, e.Line));
        Assert.StartsWith("invalid JSON", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_json_inside_a_property_names_the_property()
    {
        var mapped = Fails("{\"user\": \"1\", \"item\": tru, \"rating\": 3}", new ColumnMapping("user", "item"));
        Assert.Equal((1L, "item"), (mapped.Line, mapped.Field));
        var unmapped = Fails("{\"user\": \"1\", \"item\": 2, \"notes\": [1, }", new ColumnMapping("user", "item"));
        Assert.Equal((1L, "notes"), (unmapped.Line, unmapped.Field));
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    public void A_line_that_is_not_an_object_is_an_error(string line)
        => Assert.Equal(1L, Fails(line).Line);

    [Fact]
    public void Anything_after_the_object_is_an_error()
        => Assert.StartsWith("invalid JSON", Fails("{\"user\": 1, \"item\": 2} x", new ColumnMapping("user", "item")).Reason, StringComparison.Ordinal);

    [Fact]
    public void A_mapped_property_holding_an_object_or_a_boolean_is_an_error()
    {
        var e = Fails("{\"user\": {\"id\": 1}, \"item\": 2}", new ColumnMapping("user", "item"));
        Assert.Equal((1L, "user"), (e.Line, e.Field));
        Assert.Contains("StartObject", e.Reason, StringComparison.Ordinal);
        Assert.Equal("item", Fails("{\"user\": 1, \"item\": true}", new ColumnMapping("user", "item")).Field);
    }

    [Fact]
    public void A_repeated_mapped_property_is_an_error()
        => Assert.Equal("item", Fails("{\"user\": 1, \"item\": 2, \"item\": 3}", new ColumnMapping("user", "item")).Field);

    [Theory]
    [InlineData("\"NaN\"", "not a finite number")]
    [InlineData("\"abc\"", "'abc' is not a number")]
    [InlineData("1e400", "not a finite number")]
    public void A_value_that_is_not_a_finite_number_is_an_error(string value, string reason)
    {
        var e = Fails($"{{\"user\": 1, \"item\": 2, \"rating\": {value}, \"ts\": 5, \"type\": \"a\"}}");
        Assert.Equal((1L, "rating"), (e.Line, e.Field));
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Absent_null_or_empty_properties_are_missing_under_the_policy()
    {
        var mapping = new ColumnMapping("user", "item", value: "rating");
        const string jsonl = "{\"user\": 1, \"item\": 2, \"rating\": 5}\n{\"user\": 1, \"item\": 3}\n{\"user\": null, \"item\": 4, \"rating\": 1}\n{\"user\": \"\", \"item\": 4, \"rating\": 1}";
        var e = Fails(jsonl, mapping);
        Assert.Equal((2L, "rating"), (e.Line, e.Field));
        var skip = Load(jsonl, new ColumnMapping("user", "item", value: "rating", missingValue: MissingValuePolicy.SkipRow));
        Assert.Equal([5f], skip.Values.ToArray());
        var missingUser = Fails(jsonl, new ColumnMapping("user", "item", value: "rating", missingValue: MissingValuePolicy.UseDefault, defaultValue: 3f));
        Assert.Equal((3L, "user"), (missingUser.Line, missingUser.Field));
    }

    [Fact]
    public void Iso_timestamps_may_be_strings()
    {
        var data = Load("{\"user\": 1, \"item\": 2, \"when\": \"2024-01-02T03:04:05Z\"}", new ColumnMapping("user", "item", timestamp: "when", timestampFormat: TimestampFormat.Iso8601));
        Assert.Equal(1_704_164_645L, data.Timestamps[0]);
    }

    [Fact]
    public void Columns_given_by_position_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Load("{}", new ColumnMapping("user", 1)));
        Assert.Contains("item column is given by position 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_path_names_the_dataset_after_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.Write("clicks.jsonl", "{\"u\": 1, \"i\": 2}\n{\"u\": 1, \"i\": 3}\n");
        var data = JsonLinesLoader.Load(path, new ColumnMapping("u", "i"));
        Assert.Equal(("clicks", 2), (data.Name, data.Count));
    }
}
