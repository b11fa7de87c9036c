using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;
using Affinity.Core.Features;
using Affinity.Core.Loading;
using Affinity.Testing;

namespace Affinity.Core.Tests.Features;

public sealed class FeatureEncoderTests
{
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

        // Comedy: tf 1, held by 2 of 3 entities: (1 + ln 1) · ln(3 / 2).
        Assert.Equal((float)Math.Log(1.5), features.Values.RowValues(b)[1], 6);

        // year: a is the minimum (0), c the maximum (1), b has none.
        var c = map.IndexOf("c");
        Assert.Equal(1f, features.Values.RowValues(c)[^1]);
        Assert.Equal("genres", features.FieldOf(2));
        Assert.Equal("star", features.ValueOf(4));
    }

    [Fact]
    public void Drops_values_held_by_fewer_entities_than_the_minimum()
    {
        var data = MovieLens100K.Load(TestData.PathOf("ml-100k"));

        var items = FeatureEncoder.Encode(data.ItemAttributes);
        var users = FeatureEncoder.Encode(data.UserAttributes);

        // u.item's 19 genres, all held by at least two films; imdb_url is excluded by default.
        Assert.Equal(19, Enumerable.Range(0, items.FeatureCount).Count(f => items.FieldOf(f) == "genres"));
        Assert.DoesNotContain(Enumerable.Range(0, items.FeatureCount), f => items.FieldOf(f) == "imdb_url");

        // u.user: age, gender (2) and occupation (21); zip is excluded.
        Assert.Equal(1 + 2 + 21, users.FeatureCount);
        Assert.Equal(data.UserCount, users.RowCount);
    }
}
