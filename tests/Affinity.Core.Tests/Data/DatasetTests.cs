using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;
using Affinity.Testing;

namespace Affinity.Core.Tests.Data;

public sealed class DatasetTests
{
    private static readonly IdMap TwoUsers = IdMap.FromIds(["u1", "u2"]);
    private static readonly IdMap ThreeItems = IdMap.FromIds(["i1", "i2", "i3"]);

    [Fact]
    public void Counts_follow_the_interactions()
    {
        var tiny = TinyData.Ratings();

        // u1 3, u2 3, u3 3, u4 2; i1 3 (u1 u2 u4), i2 2, i3 2, i4 2, i5 2.
        Assert.Equal(11, tiny.Count);
        Assert.Equal(4, tiny.UserCount);
        Assert.Equal(5, tiny.ItemCount);
        Assert.Equal([3, 3, 3, 2], tiny.UserCounts());
        Assert.Equal([3, 2, 2, 2, 2], tiny.ItemCounts());
        Assert.True(tiny.HasTimestamps);
        Assert.False(tiny.HasEventTypes);
        Assert.Equal(0, tiny.EventTypes.Length);
        Assert.Equal(0, tiny.EventTypeNames.Count);
    }

    [Fact]
    public void ByItem_is_the_transpose_of_ByUser()
    {
        var tiny = TinyData.Ratings();
        var byUser = tiny.ByUser;
        var byItem = tiny.ByItem;
        var expected = byUser.Transpose();

        Assert.Equal(expected.RowPointers.ToArray(), byItem.RowPointers.ToArray());
        Assert.Equal(expected.Columns.ToArray(), byItem.Columns.ToArray());
        Assert.Equal(expected.Values.ToArray(), byItem.Values.ToArray());
        Assert.Equal(expected.EntryIds.ToArray(), byItem.EntryIds.ToArray());
        Assert.Equal([0, 1, 3], byItem.RowColumns(0).ToArray()); // i1: u1 u2 u4
        Assert.Equal([5f, 4, 3], byItem.RowValues(0).ToArray());
        Assert.Same(byUser, tiny.ByUser); // built once
    }

    [Fact]
    public void Entry_ids_lead_back_to_the_interaction()
    {
        var tiny = TinyData.Ratings();
        var byItem = tiny.ByItem;

        for (var i = 0; i < byItem.RowCount; i++)
        {
            var users = byItem.RowColumns(i);
            var ids = byItem.RowEntryIds(i);
            for (var k = 0; k < ids.Length; k++)
            {
                Assert.Equal(i, tiny.ItemIndexes[ids[k]]);
                Assert.Equal(users[k], tiny.UserIndexes[ids[k]]);
                Assert.Equal(byItem.RowValues(i)[k], tiny.Values[ids[k]]);
            }
        }
    }

    [Fact]
    public void Subset_keeps_maps_and_attributes_and_takes_the_listed_order()
    {
        var tiny = TinyData.Ratings();

        var subset = tiny.Subset([4, 0], "two");

        Assert.Equal("two", subset.Name);
        Assert.Same(tiny.Users, subset.Users);
        Assert.Same(tiny.Items, subset.Items);
        Assert.Same(tiny.UserAttributes, subset.UserAttributes);
        Assert.Same(tiny.ItemAttributes, subset.ItemAttributes);
        Assert.Equal([1, 0], subset.UserIndexes.ToArray());
        Assert.Equal([2, 0], subset.ItemIndexes.ToArray());
        Assert.Equal([5f, 5], subset.Values.ToArray());
        Assert.Equal([1004L, 1000], subset.Timestamps.ToArray());
        Assert.Equal([1, 1, 0, 0], subset.UserCounts());
        Assert.Equal("tiny", tiny.Subset([0]).Name);
    }

    [Fact]
    public void Subset_carries_event_types()
    {
        var b = new DatasetBuilder("events", FeedbackKind.Implicit);
        b.Add("u1", "i1", 1, null, "view");
        b.Add("u1", "i2", 1, null, "buy");

        var subset = b.Build().Subset([1]);

        Assert.True(subset.HasEventTypes);
        Assert.Equal("buy", subset.EventTypeNames[subset.EventTypes[0]]);
        Assert.Equal(2, subset.EventTypeNames.Count);
    }

    [Fact]
    public void WithValues_and_WithName_change_only_that()
    {
        var tiny = TinyData.Ratings();
        var ones = Enumerable.Repeat(1f, tiny.Count).ToArray();

        var implicitTiny = tiny.WithValues(ones, FeedbackKind.Implicit);
        var renamed = tiny.WithName("renamed");

        Assert.Equal(FeedbackKind.Implicit, implicitTiny.Kind);
        Assert.Equal(ones, implicitTiny.Values.ToArray());
        Assert.Equal(tiny.Timestamps.ToArray(), implicitTiny.Timestamps.ToArray());
        Assert.Equal(FeedbackKind.Explicit, tiny.WithValues(ones).Kind);
        Assert.Equal(5f, tiny.Values[0]);
        Assert.Equal("renamed", renamed.Name);
        Assert.Same(tiny.Users, renamed.Users);
        Assert.Throws<ArgumentException>(() => tiny.WithValues([1f]));
    }

    [Fact]
    public void HasRepeatedPairs_finds_a_pair_given_twice()
    {
        Assert.False(TinyData.Ratings().HasRepeatedPairs);
        Assert.False(Make([0, 1], [1, 1]).HasRepeatedPairs); // same item, other user
        Assert.True(Make([0, 1, 0], [1, 2, 1]).HasRepeatedPairs);
    }

    [Fact]
    public void The_constructor_rejects_inconsistent_arrays()
    {
        Assert.Throws<ArgumentException>(() => new Dataset("x", FeedbackKind.Explicit, TwoUsers, ThreeItems, [0], [0, 1], [1, 1]));
        Assert.Throws<ArgumentException>(() => new Dataset("x", FeedbackKind.Explicit, TwoUsers, ThreeItems, [0], [0], [1], timestamps: [1, 2]));
        Assert.Throws<ArgumentException>(() => new Dataset("x", FeedbackKind.Explicit, TwoUsers, ThreeItems, [2], [0], [1]));
        Assert.Throws<ArgumentException>(() => new Dataset("x", FeedbackKind.Explicit, TwoUsers, ThreeItems, [0], [3], [1]));
        Assert.Throws<ArgumentException>(() => new Dataset("x", FeedbackKind.Explicit, TwoUsers, ThreeItems, [-1], [0], [1]));
        Assert.Throws<ArgumentException>(() => new Dataset("x", FeedbackKind.Explicit, TwoUsers, ThreeItems, [0], [0], [float.NaN]));
        Assert.Throws<ArgumentException>(() => new Dataset("x", FeedbackKind.Explicit, TwoUsers, ThreeItems, [0], [0], [float.PositiveInfinity]));
    }

    [Fact]
    public void The_constructor_checks_event_types_and_attributes()
    {
        var types = IdMap.FromIds(["view"]);

        Assert.Throws<ArgumentException>(() => new Dataset("x", FeedbackKind.Implicit, TwoUsers, ThreeItems, [0], [0], [1], eventTypes: [0]));
        Assert.Throws<ArgumentException>(() => new Dataset("x", FeedbackKind.Implicit, TwoUsers, ThreeItems, [0], [0], [1], eventTypes: [1], eventTypeNames: types));
        Assert.Throws<ArgumentException>(() => new Dataset("x", FeedbackKind.Implicit, TwoUsers, ThreeItems, [0], [0], [1], userAttributes: AttributeTable.Empty(3)));
        Assert.Throws<ArgumentException>(() => new Dataset("x", FeedbackKind.Implicit, TwoUsers, ThreeItems, [0], [0], [1], itemAttributes: AttributeTable.Empty(2)));
        Assert.Throws<ArgumentNullException>(() => new Dataset(null!, FeedbackKind.Implicit, TwoUsers, ThreeItems, [], [], []));
        var ok = new Dataset("x", FeedbackKind.Implicit, TwoUsers, ThreeItems, [0], [0], [1], eventTypes: [0], eventTypeNames: types);
        Assert.Equal(3, ok.ItemAttributes.RowCount);
    }

    [Fact]
    public void An_empty_dataset_has_empty_matrices()
    {
        var empty = new Dataset("empty", FeedbackKind.Implicit, TwoUsers, ThreeItems, [], [], []);

        Assert.Equal(0, empty.Count);
        Assert.Equal(2, empty.ByUser.RowCount);
        Assert.Equal(3, empty.ByItem.RowCount);
        Assert.Equal([0, 0], empty.UserCounts());
        Assert.False(empty.HasRepeatedPairs);
    }

    private static Dataset Make(int[] users, int[] items)
        => new("x", FeedbackKind.Implicit, IdMap.FromIds(["a", "b"]), IdMap.FromIds(["p", "q", "r"]), users, items, [.. users.Select(_ => 1f)]);
}
