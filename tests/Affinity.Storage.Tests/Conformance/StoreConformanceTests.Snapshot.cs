using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;

namespace Affinity.Storage.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    private async Task FillForSnapshotAsync()
    {
        await Store.Items.UpsertManyAsync(
            [
                new ItemRecord("m1", Movie("Drama", ["sad", "long"], 1999, "One")),
                new ItemRecord("m2", Movie("Comedy", ["fun"], 2005, "Two")),
                new ItemRecord("never-touched", Movie("Drama", [], 2020, "Three"), Hidden: true),
            ],
            None);
        await Store.Users.UpsertAsync(new UserRecord("ann", new EntityAttributes(numeric: new Dictionary<string, double> { ["age"] = 30 })), None);
        await Store.Users.UpsertAsync(new UserRecord("no-events", new EntityAttributes(numeric: new Dictionary<string, double> { ["age"] = 50 })), None);
        await Store.Events.AppendBatchAsync(
            [
                Event("ann", "m1", 4, "rating", 10),
                Event("bob", "m2", 1, "view", 20),
                Event("ann", "m2", 1, "view", 30),
                Event("bob", "unlisted", 1, "purchase", 40),
            ],
            None);
    }

    [Fact]
    public async Task Snapshot_reads_the_store_as_a_dataset_with_attributes()
    {
        await FillForSnapshotAsync();

        var snapshot = await SnapshotReader.ReadAsync(Store, new SnapshotOptions("shop", FeedbackKind.Implicit), None);
        var d = snapshot.Dataset;

        // Users: ann, bob from events; no-events from the user table. Items: m1, m2, unlisted from events, never-touched from the catalogue.
        Assert.Equal(("shop", 4, 3, 4), (d.Name, d.Count, d.UserCount, d.ItemCount));
        Assert.Equal(new TrainingSnapshot(4, 4, 3, 4, snapshot.Description.Checksum), snapshot.Description);
        Assert.Equal(64, snapshot.Description.Checksum.Length);
        Assert.True(d.Items.TryGetIndex("never-touched", out _));
        Assert.True(d.Users.TryGetIndex("no-events", out var noEvents));
        Assert.Equal(4f, d.Values[0]);
        Assert.Equal(T0.AddSeconds(10).ToUnixTimeSeconds(), d.Timestamps[0]);
        Assert.Equal("rating", d.EventTypeNames[d.EventTypes[0]]);
        Assert.Equal("bob", d.Users[d.UserIndexes[3]]);
        Assert.Equal("unlisted", d.Items[d.ItemIndexes[3]]);

        d.Items.TryGetIndex("m1", out var m1);
        d.Items.TryGetIndex("unlisted", out var unlisted);
        Assert.Equal("Drama", d.ItemAttributes.Get<CategoricalColumn>("genre").ValueOf(m1));
        Assert.Equal(["sad", "long"], d.ItemAttributes.Get<TagsColumn>("tags").TagsOf(m1));
        Assert.Equal(1999, d.ItemAttributes.Get<NumericColumn>("year").Values[m1]);
        Assert.Equal("One", d.ItemAttributes.Get<TextColumn>("title").Values[m1]);
        Assert.False(d.ItemAttributes.Get<NumericColumn>("year").HasValue(unlisted));
        Assert.Equal(50, d.UserAttributes.Get<NumericColumn>("age").Values[noEvents]);
    }

    [Fact]
    public async Task Snapshot_is_a_cut_at_a_sequence_number_with_a_stable_checksum()
    {
        await FillForSnapshotAsync();
        var cut = await SnapshotReader.ReadAsync(Store, new SnapshotOptions(ThroughSequence: 2), None);
        await Store.Events.AppendAsync(Event("late", "m1"), None);

        var again = await SnapshotReader.ReadAsync(Store, new SnapshotOptions(ThroughSequence: 2), None);
        var whole = await SnapshotReader.ReadAsync(Store, null, None);

        Assert.Equal(2, cut.Dataset.Count);
        Assert.Equal(2, cut.Description.ThroughSequence);
        Assert.False(cut.Dataset.Users.TryGetIndex("late", out _));
        Assert.Equal(cut.Description, again.Description);
        Assert.Equal((5L, 5), (whole.Description.ThroughSequence, whole.Dataset.Count));
        Assert.NotEqual(cut.Description.Checksum, whole.Description.Checksum);
    }

    [Fact]
    public async Task Snapshot_names_an_attribute_used_as_two_kinds()
    {
        await Store.Items.UpsertAsync(new ItemRecord("a", new EntityAttributes(categorical: new Dictionary<string, string> { ["genre"] = "x" })), None);
        await Store.Items.UpsertAsync(new ItemRecord("b", new EntityAttributes(tags: new Dictionary<string, IReadOnlyList<string>> { ["genre"] = ["y"] })), None);

        var e = await Assert.ThrowsAsync<DataFormatException>(() => SnapshotReader.ReadAsync(Store, null, None));

        Assert.Equal("item 'b'", e.Source);
        Assert.Equal("attributes.tags.genre", e.Field);
    }
}
