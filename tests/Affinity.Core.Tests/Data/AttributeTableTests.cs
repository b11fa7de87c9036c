using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;

namespace Affinity.Core.Tests.Data;

public sealed class AttributeTableTests
{
    [Fact]
    public void The_builder_codes_every_column_kind_with_missing_values()
    {
        var entities = new IdMapBuilder();
        entities.GetOrAdd("a");
        entities.GetOrAdd("b");
        entities.GetOrAdd("c");
        var builder = new AttributeTableBuilder(entities);
        builder.SetCategorical("c", "gender", "F");
        builder.SetCategorical("a", "gender", "M");
        builder.AddTag("a", "genres", "Drama");
        builder.AddTag("a", "genres", "Comedy", 2);
        builder.AddTag("a", "genres", "Drama", 0.5f);
        builder.AddTag("c", "genres", "Comedy");
        builder.SetNumeric("b", "year", 1995);
        builder.SetText("a", "title", "Heat");
        builder.SetText("d", "title", "New"); // registers d

        var table = builder.Build(entities.Build());

        Assert.Equal(4, table.RowCount);
        var gender = table.Get<CategoricalColumn>("gender");
        Assert.Equal(["M", "F"], gender.Levels.Ids); // levels follow entity order
        Assert.Equal([0, -1, 1, -1], gender.Codes.ToArray());
        Assert.Equal("F", gender.ValueOf(2));
        Assert.Null(gender.ValueOf(1));
        Assert.False(gender.HasValue(3));

        var genres = table.Get<TagsColumn>("genres");
        Assert.Equal(["Drama", "Comedy"], genres.TagsOf(0));
        Assert.Equal([1.5f, 2f], genres.Matrix.RowValues(0).ToArray()); // Drama 1 + 0.5
        Assert.Equal(["Comedy"], genres.TagsOf(2));
        Assert.False(genres.HasValue(1));

        var year = table.Get<NumericColumn>("year");
        Assert.True(double.IsNaN(year.Values[0]));
        Assert.Equal(1995, year.Values[1]);
        Assert.True(year.HasValue(1));
        Assert.False(year.HasValue(0));

        var title = table.Get<TextColumn>("title");
        Assert.Equal(["Heat", null, null, "New"], title.Values);
        Assert.Equal(4, table.Columns.Count());
    }

    [Fact]
    public void Lookup_by_name_and_type()
    {
        var table = new AttributeTable(2, [new NumericColumn("age", [1, 2])]);

        Assert.True(table.Contains("age"));
        Assert.True(table.TryGet<NumericColumn>("age", out var age));
        Assert.Equal(2, age.Values[1]);
        Assert.False(table.TryGet<TextColumn>("age", out _));
        Assert.False(table.TryGet<NumericColumn>("height", out _));
        Assert.Throws<KeyNotFoundException>(() => table.Get<TextColumn>("age"));
        Assert.Empty(AttributeTable.Empty(5).Columns);
        Assert.Equal(5, AttributeTable.Empty(5).RowCount);
    }

    [Fact]
    public void A_table_rejects_wrong_row_counts_and_repeated_names()
    {
        Assert.Throws<ArgumentException>(() => new AttributeTable(3, [new NumericColumn("age", [1, 2])]));
        Assert.Throws<ArgumentException>(() => new AttributeTable(2, [new NumericColumn("x", [1, 2]), new TextColumn("x", ["a", "b"])]));
        Assert.Throws<ArgumentOutOfRangeException>(() => AttributeTable.Empty(-1));
    }

    [Fact]
    public void Columns_validate_their_contents()
    {
        var levels = IdMap.FromIds(["x", "y"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CategoricalColumn("c", levels, [2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CategoricalColumn("c", levels, [-2]));
        Assert.Throws<ArgumentException>(() => new NumericColumn(" ", [1]));
        var matrix = CsrMatrix.FromCoordinates(1, 3, [0], [2], [1]);
        Assert.Throws<ArgumentException>(() => new TagsColumn("t", levels, matrix));
    }
}
