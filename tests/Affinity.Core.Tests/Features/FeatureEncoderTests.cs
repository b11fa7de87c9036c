using System.Text.Json;
using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;
using Affinity.Core.Features;

namespace Affinity.Core.Tests.Features;

public sealed class FeatureEncoderTests
{
    private const int Precision = 5;

    [Fact]
    public void Encodes_every_kind_of_field()
    {
        var ids = new IdMapBuilder();
        var table = new AttributeTableBuilder(ids);
        table.SetCategorical("a", "colour", "red");
        table.SetCategorical("b", "colour", "red");
        table.SetCategorical("c", "colour", "blue");
        table.AddTag("a", "genres", "Drama");
        table.AddTag("b", "genres", "Drama");
        table.AddTag("b", "genres", "Comedy");
        table.AddTag("c", "genres", "Comedy");
        table.SetNumeric("a", "year", 1990);
        table.SetNumeric("c", "year", 2000);
        table.SetText("a", "title", "Star Wars");
        table.SetText("b", "title", "Star Trek");
        table.SetText("c", "title", "星球大战");
        var map = ids.Build();

        var features = FeatureEncoder.Encode(table.Build(map), new FeatureEncoderOptions { MinDocumentFrequency = 1 });

        // Fields in ordinal order: colour, genres, title, year; values in ordinal order within each.
        string[] expected =
        [
            "colour=blue", "colour=red", "genres=Comedy", "genres=Drama",
            "title:star", "title:trek", "title:wars", "title:大战", "title:星球", "title:球大", "year",
        ];
        Assert.Equal(expected, features.Features.Ids);
        var b = map.IndexOf("b");
        Assert.Equal([1, 2, 3, 4, 5], features.Values.RowColumns(b).ToArray());

        // Comedy: tf 1, held by 2 of N = 3 entities: (1 + ln 1) · (ln((1 + 3) / (1 + 2)) + 1) = 1.287682.
        Assert.Equal(Math.Log(4.0 / 3) + 1, features.Values.RowValues(b)[1], Precision);
        Assert.Equal(1f, features.Values.RowValues(b)[0]);

        // year: a is the minimum (0), c the maximum (1), b has none.
        var c = map.IndexOf("c");
        Assert.Equal(1f, features.Values.RowValues(c)[^1]);
        Assert.Equal(0f, features.Values.RowValues(map.IndexOf("a"))[^1]);
        Assert.DoesNotContain(10, features.Values.RowColumns(b).ToArray());
        Assert.Equal("genres", features.FieldOf(2));
        Assert.Equal("star", features.ValueOf(4));
        Assert.Equal("year", features.ValueOf(10));
        Assert.Equal(
            [FeatureKind.Value, FeatureKind.Value, FeatureKind.Value, FeatureKind.Value, FeatureKind.Word, FeatureKind.Numeric],
            new[] { 0, 1, 2, 3, 4, 10 }.Select(features.KindOf));
    }

    [Fact]
    public void Weighs_words_by_sublinear_tf_and_smoothed_idf_over_every_row()
    {
        // N = 4 rows (d has no title); df: red 3, blue 1, green 1.
        var (table, map) = Titles(("a", "red red blue"), ("b", "red green"), ("c", "red"), ("d", null));

        var features = FeatureEncoder.Encode(table, new FeatureEncoderOptions { MinDocumentFrequency = 1 });

        Assert.Equal(["title:blue", "title:green", "title:red"], features.Features.Ids);
        var a = map.IndexOf("a");
        var idfRed = Math.Log(5.0 / 4) + 1;  // ln((1 + 4) / (1 + 3)) + 1 = 1.223144
        var idfRare = Math.Log(5.0 / 2) + 1; // ln((1 + 4) / (1 + 1)) + 1 = 1.916291
        Assert.Equal([0, 2], features.Values.RowColumns(a).ToArray());
        Assert.Equal(idfRare, features.Values.RowValues(a)[0], Precision);                 // blue: tf 1
        Assert.Equal((1 + Math.Log(2)) * idfRed, features.Values.RowValues(a)[1], Precision); // red: tf 2, 1.693147 · 1.223144 = 2.070957
        Assert.Equal(idfRed, features.Values.RowValues(map.IndexOf("c"))[0], Precision);
        Assert.Equal(0, features.Values.RowLength(map.IndexOf("d")));
    }

    [Fact]
    public void Without_tf_idf_words_keep_their_counts_and_tags_their_weights()
    {
        var (titles, map) = Titles(("a", "red red blue"), ("b", "red green"), ("c", "red"), ("d", null));
        var words = FeatureEncoder.Encode(titles, new FeatureEncoderOptions { MinDocumentFrequency = 1, TfIdf = false });
        Assert.Equal([1f, 2f], words.Values.RowValues(map.IndexOf("a")).ToArray());

        var tags = FeatureEncoder.Encode(Tags(("a", "pixar", 2f), ("b", "pixar", 0.5f)), new FeatureEncoderOptions { TfIdf = false });
        Assert.Equal([2f, 0.5f], tags.Values.Values.ToArray());
    }

    [Fact]
    public void A_feature_every_entity_has_keeps_a_positive_weight()
    {
        // All 2 entities hold "pixar": idf = ln(3 / 3) + 1 = 1, so the weight is the tf, never 0.
        // A count of 2 has tf 1 + ln 2 = 1.693147; a fraction 0.5 stays 0.5 rather than 1 + ln 0.5 = 0.306853.
        var features = FeatureEncoder.Encode(Tags(("a", "pixar", 2f), ("b", "pixar", 0.5f)));

        Assert.Equal(["tags=pixar"], features.Features.Ids);
        Assert.Equal(1 + Math.Log(2), features.Values.Values[0], Precision);
        Assert.Equal(0.5, features.Values.Values[1], Precision);
    }

    [Fact]
    public void Drops_values_held_by_fewer_entities_than_the_minimum()
    {
        var (titles, _) = Titles(("a", "red red blue"), ("b", "red green"), ("c", "red"), ("d", null));
        Assert.Equal(["title:red"], FeatureEncoder.Encode(titles).Features.Ids); // default minimum 2
        Assert.Empty(FeatureEncoder.Encode(titles, new FeatureEncoderOptions { MinDocumentFrequency = 4 }).Features.Ids);

        var ids = new IdMapBuilder();
        var people = new AttributeTableBuilder(ids);
        people.SetCategorical("u1", "job", "writer");
        people.SetCategorical("u2", "job", "writer");
        people.SetCategorical("u3", "job", "pilot");
        var encoded = FeatureEncoder.Encode(people.Build(ids.Build()));
        Assert.Equal(["job=writer"], encoded.Features.Ids);
        Assert.Equal(0, encoded.Values.RowLength(2)); // the pilot's level was dropped, the row stays
    }

    [Fact]
    public void Keeps_the_words_most_entities_hold_and_breaks_ties_by_name()
    {
        // df: red 3, blue 1, green 1; two kept: red, then blue before green by ordinal order.
        var (titles, _) = Titles(("a", "red red blue"), ("b", "red green"), ("c", "red"), ("d", null));

        var features = FeatureEncoder.Encode(titles, new FeatureEncoderOptions { MinDocumentFrequency = 1, MaxTextFeatures = 2 });

        Assert.Equal(["title:blue", "title:red"], features.Features.Ids);
    }

    [Fact]
    public void Column_order_does_not_depend_on_the_order_values_were_added_in()
    {
        var forward = Build(["x", "y", "z"], reverse: false);
        var backward = Build(["z", "y", "x"], reverse: true);

        var one = FeatureEncoder.Encode(forward.Table, new FeatureEncoderOptions { MinDocumentFrequency = 1 });
        var two = FeatureEncoder.Encode(backward.Table, new FeatureEncoderOptions { MinDocumentFrequency = 1 });

        Assert.Equal(["colour=blue", "colour=green", "colour=red", "size", "tags=big", "tags=old", "text:hello", "text:world"], one.Features.Ids);
        Assert.Equal(one.Features.Ids, two.Features.Ids);
        foreach (var id in new[] { "x", "y", "z" })
        {
            var r1 = forward.Map.IndexOf(id);
            var r2 = backward.Map.IndexOf(id);
            Assert.Equal(one.Values.RowColumns(r1).ToArray(), two.Values.RowColumns(r2).ToArray());
            Assert.Equal(one.Values.RowValues(r1).ToArray(), two.Values.RowValues(r2).ToArray());
        }

        static (AttributeTable Table, IdMap Map) Build(string[] order, bool reverse)
        {
            var values = new Dictionary<string, (string Colour, double Size, string Tag, string Text)>
            {
                ["x"] = ("red", 1, "big", "hello world"),
                ["y"] = ("green", 2, "old", "world"),
                ["z"] = ("blue", 3, "big", "hello"),
            };
            var ids = new IdMapBuilder();
            var builder = new AttributeTableBuilder(ids);
            foreach (var id in order)
            {
                var (colour, size, tag, text) = values[id];
                if (reverse)
                {
                    builder.SetText(id, "text", text);
                    builder.AddTag(id, "tags", tag);
                    builder.SetNumeric(id, "size", size);
                    builder.SetCategorical(id, "colour", colour);
                }
                else
                {
                    builder.SetCategorical(id, "colour", colour);
                    builder.SetNumeric(id, "size", size);
                    builder.AddTag(id, "tags", tag);
                    builder.SetText(id, "text", text);
                }
            }

            var map = ids.Build();
            return (builder.Build(map), map);
        }
    }

    [Fact]
    public void Numeric_fields_scale_by_minimum_and_maximum_and_skip_what_is_missing()
    {
        var ids = new IdMapBuilder();
        var table = new AttributeTableBuilder(ids);
        table.SetNumeric("a", "age", 20);
        table.SetNumeric("b", "age", 30);
        table.SetNumeric("c", "age", 60);
        table.SetNumeric("d", "age", double.NaN);
        table.SetNumeric("e", "age", double.PositiveInfinity);
        table.SetNumeric("a", "constant", 7);
        table.SetNumeric("b", "constant", 7);
        table.SetNumeric("a", "empty", double.NaN);

        var features = FeatureEncoder.Encode(table.Build(ids.Build()));

        // age: (30 - 20) / (60 - 20) = 0.25; a constant field is 1 where known; a field with no value has no column.
        Assert.Equal(["age", "constant"], features.Features.Ids);
        Assert.Equal([0f, 1f], features.Values.RowValues(0).ToArray());
        Assert.Equal([0.25f, 1f], features.Values.RowValues(1).ToArray());
        Assert.Equal([1f], features.Values.RowValues(2).ToArray());
        Assert.Equal(0, features.Values.RowLength(3));
        Assert.Equal(0, features.Values.RowLength(4));
    }

    [Fact]
    public void Fields_select_and_excluded_fields_leave_out()
    {
        var ids = new IdMapBuilder();
        var table = new AttributeTableBuilder(ids);
        foreach (var id in new[] { "a", "b" })
        {
            table.SetCategorical(id, "zip", "55105");
            table.SetCategorical(id, "gender", "F");
            table.SetNumeric(id, "age", 30);
        }

        var built = table.Build(ids.Build());

        Assert.Equal(["age", "gender=F"], FeatureEncoder.Encode(built).Features.Ids);
        Assert.Equal(["zip=55105"], FeatureEncoder.Encode(built, new FeatureEncoderOptions { Fields = ["zip"] }).Features.Ids);
        Assert.Equal(["gender=F", "zip=55105"], FeatureEncoder.Encode(built, new FeatureEncoderOptions { ExcludedFields = ["age"] }).Features.Ids);
        Assert.Equal(0, FeatureEncoder.Encode(built, new FeatureEncoderOptions { Fields = [] }).FeatureCount);
        var unknown = Assert.Throws<ArgumentException>(() => FeatureEncoder.Encode(built, new FeatureEncoderOptions { Fields = ["colour"] }));
        Assert.Contains("'colour'", unknown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a=b")]
    [InlineData("title:en")]
    public void A_field_name_with_a_separator_is_refused(string name)
    {
        var ids = new IdMapBuilder();
        var table = new AttributeTableBuilder(ids);
        table.SetNumeric("a", name, 1);

        Assert.Throws<ArgumentException>(() => FeatureEncoder.Encode(table.Build(ids.Build())));
    }

    [Fact]
    public void Options_are_validated_when_set()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureEncoderOptions { MinDocumentFrequency = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureEncoderOptions { MaxTextFeatures = 0 });
        Assert.Throws<ArgumentException>(() => new FeatureEncoderOptions { Fields = ["genres", "genres"] });
        Assert.Throws<ArgumentException>(() => new FeatureEncoderOptions { Fields = [" "] });
        Assert.Throws<ArgumentNullException>(() => new FeatureEncoderOptions { ExcludedFields = null! });
        Assert.Throws<ArgumentException>(() => new FeatureEncoderOptions { ExcludedFields = ["zip", "zip"] });
        Assert.Throws<ArgumentNullException>(() => FeatureEncoder.Encode(null!));
    }

    [Fact]
    public void Options_survive_a_json_round_trip_and_compare_lists_by_value()
    {
        var options = new FeatureEncoderOptions { Fields = ["genres", "title"], ExcludedFields = ["url"], MinDocumentFrequency = 3, MaxTextFeatures = 100, TfIdf = false };
        var json = JsonSerializer.Serialize(options, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var back = JsonSerializer.Deserialize<FeatureEncoderOptions>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.Equal(options, back);
        Assert.Equal(options.GetHashCode(), back!.GetHashCode());
        Assert.NotEqual(options, options with { Fields = ["genres"] });
        Assert.NotEqual(options, options with { TfIdf = true });
        Assert.Equal(new FeatureEncoderOptions(), new FeatureEncoderOptions());
    }

    [Fact]
    public void The_options_keep_their_own_copy_of_the_field_lists()
    {
        var fields = new List<string> { "genres" };
        var options = new FeatureEncoderOptions { Fields = fields };

        fields.Add("title");

        Assert.Equal(["genres"], options.Fields);
    }

    private static (AttributeTable Table, IdMap Map) Titles(params (string Id, string? Title)[] rows)
    {
        var ids = new IdMapBuilder();
        var table = new AttributeTableBuilder(ids);
        foreach (var (id, title) in rows)
        {
            ids.GetOrAdd(id);
            if (title is not null)
            {
                table.SetText(id, "title", title);
            }
        }

        var map = ids.Build();
        return (table.Build(map), map);
    }

    private static AttributeTable Tags(params (string Id, string Tag, float Weight)[] rows)
    {
        var ids = new IdMapBuilder();
        var table = new AttributeTableBuilder(ids);
        foreach (var (id, tag, weight) in rows)
        {
            table.AddTag(id, "tags", tag, weight);
        }

        return table.Build(ids.Build());
    }
}
