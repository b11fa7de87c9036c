namespace Affinity.Storage.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Reopening_keeps_the_data_and_applies_no_migration_twice()
    {
        await Store.Events.AppendAsync(Event("u", "i"), None);
        await Store.Items.UpsertAsync(new ItemRecord("i", EntityAttributes.Empty), None);
        var version = Store.SchemaVersion;

        await using var reopened = await OpenStoreAsync();
        var second = await OpenAsync();

        Assert.True(version >= 1);
        Assert.Equal(version, reopened.SchemaVersion);
        Assert.Equal(version, second.SchemaVersion);
        Assert.Single(await All(reopened.Events.ReadAllAsync(None)));
        Assert.NotNull(await second.Items.GetAsync("i", None));
        Assert.Equal(2, await reopened.Events.AppendAsync(Event("u", "j"), None));
    }

    [Fact]
    public async Task A_newer_schema_version_is_a_clear_error_and_changes_nothing()
    {
        await Store.Events.AppendAsync(Event("u", "i"), None);
        var known = Store.SchemaVersion;
        await WriteSchemaVersionAsync(known + 5);

        var e = await Assert.ThrowsAsync<StoreSchemaException>(OpenStoreAsync);

        Assert.Equal((known + 5, known), (e.FoundVersion, e.KnownVersion));
        Assert.Contains($"schema version {known + 5}", e.Message, StringComparison.Ordinal);
        Assert.Contains($"up to {known}", e.Message, StringComparison.Ordinal);
        Assert.Single(await All(Store.Events.ReadAllAsync(None)));
    }
}
