using Affinity.Core.Data;

namespace Affinity.Core.Tests.Data;

public sealed class DatasetBuilderTests
{
    [Fact]
    public void Build_keeps_the_order_and_the_first_seen_ids()
    {
        var b = new DatasetBuilder("d", FeedbackKind.Explicit);
        b.Add("u2", "i9", 3, 20, "rate");
        b.Add("u1", "i9", 4, 10, "rate");
        b.Add("u2", "i1", 5, 30, "fix");

        var data = b.Build();

        Assert.Equal(3, b.Count);
        Assert.Equal("d", data.Name);
        Assert.Equal(FeedbackKind.Explicit, data.Kind);
        Assert.Equal(["u2", "u1"], data.Users.Ids);
        Assert.Equal(["i9", "i1"], data.Items.Ids);
        Assert.Equal([0, 1, 0], data.UserIndexes.ToArray());
        Assert.Equal([0, 0, 1], data.ItemIndexes.ToArray());
        Assert.Equal([3f, 4, 5], data.Values.ToArray());
        Assert.Equal([20L, 10, 30], data.Timestamps.ToArray());
        Assert.Equal([0, 0, 1], data.EventTypes.ToArray());
        Assert.Equal(["rate", "fix"], data.EventTypeNames.Ids);
    }

    [Fact]
    public void Users_and_items_without_interactions_get_indexes()
    {
        var b = new DatasetBuilder("d", FeedbackKind.Implicit);
        Assert.Equal(0, b.AddItem("catalogue-only"));
        b.Add("u1", "i1", 1);
        Assert.Equal(1, b.AddUser("lurker"));

        var data = b.Build();

        Assert.Equal(2, data.UserCount);
        Assert.Equal(2, data.ItemCount);
        Assert.Equal([0, 1], data.ItemCounts());
        Assert.False(data.HasTimestamps);
        Assert.False(data.HasEventTypes);
    }

    [Fact]
    public void Timestamps_are_all_or_none()
    {
        var withFirst = new DatasetBuilder("d", FeedbackKind.Implicit);
        withFirst.Add("u", "i", 1, 100);
        var lacks = Assert.Throws<ArgumentException>(() => withFirst.Add("u", "j", 1));
        Assert.Contains("lacks a timestamp", lacks.Message, StringComparison.Ordinal);

        var withoutFirst = new DatasetBuilder("d", FeedbackKind.Implicit);
        withoutFirst.Add("u", "i", 1);
        var has = Assert.Throws<ArgumentException>(() => withoutFirst.Add("u", "j", 1, 100));
        Assert.Contains("has a timestamp", has.Message, StringComparison.Ordinal);
        Assert.Equal(1, withoutFirst.Count); // the rejected interaction was not added
    }

    [Fact]
    public void Event_types_are_all_or_none()
    {
        var b = new DatasetBuilder("d", FeedbackKind.Implicit);
        b.Add("u", "i", 1, null, "view");

        Assert.Throws<ArgumentException>(() => b.Add("u", "j", 1));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.NegativeInfinity)]
    public void A_value_that_is_not_finite_throws(float value)
    {
        Assert.Throws<ArgumentException>(() => new DatasetBuilder("d", FeedbackKind.Implicit).Add("u", "i", value));
    }

    [Fact]
    public void A_blank_name_throws()
    {
        Assert.Throws<ArgumentException>(() => new DatasetBuilder(" ", FeedbackKind.Implicit));
    }

    [Fact]
    public void Attributes_register_entities_and_land_in_the_dataset()
    {
        var b = new DatasetBuilder("d", FeedbackKind.Explicit);
        b.Add("u1", "i1", 4);
        b.ItemAttributes.SetText("i2", "title", "Unrated");
        b.UserAttributes.SetNumeric("u1", "age", 33);

        var data = b.Build();

        Assert.Equal(2, data.ItemCount);
        Assert.Equal([null, "Unrated"], data.ItemAttributes.Get<Affinity.Core.Data.Attributes.TextColumn>("title").Values);
        Assert.Equal([33.0], data.UserAttributes.Get<Affinity.Core.Data.Attributes.NumericColumn>("age").Values.ToArray());
    }
}
