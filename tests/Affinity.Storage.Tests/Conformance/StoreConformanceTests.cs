using Affinity.Core.Data;

namespace Affinity.Storage.Tests.Conformance;

/// <summary>
/// The contract every store keeps, run against each of them (gorse's one suite for all databases).
/// A derived class supplies a fresh, empty database per test and raw access to its schema version.
/// The cases live in partial files by area: events, catalogue, registry, snapshots, schema.
/// </summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<IStore> _opened = [];

    protected IStore Store { get; private set; } = null!;

    protected static CancellationToken None => CancellationToken.None;

    public async Task InitializeAsync()
    {
        await PrepareDatabaseAsync();
        Store = await OpenAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        await CleanUpDatabaseAsync();
    }

    /// <summary>Makes this test's empty database (a temporary file, a fresh schema).</summary>
    protected abstract Task PrepareDatabaseAsync();

    /// <summary>Opens a store over this test's database; every call opens the same database.</summary>
    protected abstract Task<IStore> OpenStoreAsync();

    /// <summary>Writes a schema version row directly, as a newer build would.</summary>
    protected abstract Task WriteSchemaVersionAsync(int version);

    /// <summary>Removes this test's database when the test ends (all stores are closed by then).</summary>
    protected virtual Task CleanUpDatabaseAsync() => Task.CompletedTask;

    protected async Task<IStore> OpenAsync()
    {
        var store = await OpenStoreAsync();
        _opened.Add(store);
        return store;
    }

    protected static NewEvent Event(string user, string item, float value = 1f, string type = "view", int seconds = 0)
        => new(user, item, type, value, T0.AddSeconds(seconds));

    protected static async Task<List<T>> All<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var x in source)
        {
            list.Add(x);
        }

        return list;
    }

    protected static EntityAttributes Movie(string genre, string[] tags, double year, string title) => new(
        categorical: new Dictionary<string, string> { ["genre"] = genre },
        tags: new Dictionary<string, IReadOnlyList<string>> { ["tags"] = tags },
        numeric: new Dictionary<string, double> { ["year"] = year },
        text: new Dictionary<string, string> { ["title"] = title });

    protected static DataFormatException AssertRejected(Exception e, string field)
    {
        var error = Assert.IsType<DataFormatException>(e);
        Assert.Equal(field, error.Field);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        return error;
    }
}
