using Affinity.Storage.Sqlite;
using Affinity.Storage.Tests.Conformance;
using Microsoft.Data.Sqlite;

namespace Affinity.Storage.Tests;

/// <summary>The conformance suite on a temporary SQLite file per test, plus what only SQLite has.</summary>
public sealed class SqliteStoreTests : StoreConformanceTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("affinity-sqlite-").FullName;

    private string DatabasePath => Path.Combine(_folder, "store.db");

    protected override Task PrepareDatabaseAsync() => Task.CompletedTask;

    protected override Task<IStore> OpenStoreAsync() => SqliteStore.OpenAsync(DatabasePath);

    protected override async Task WriteSchemaVersionAsync(int version)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO schema_version (version, applied_ms) VALUES ({version}, 0)";
        await command.ExecuteNonQueryAsync();
    }

    protected override Task CleanUpDatabaseAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_file_is_in_WAL_mode_with_foreign_keys_and_full_sync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        Assert.True(File.Exists(DatabasePath + "-wal"));

        // The foreign key from activations to models is enforced on the store's own connections.
        var e = await Record.ExceptionAsync(async () =>
        {
            await using var write = await OpenAsync();
            await write.Models.ActivateAsync(42, None);
        });
        Assert.IsType<KeyNotFoundException>(e);
    }

    [Fact]
    public async Task A_store_file_in_a_new_folder_is_created()
    {
        var nested = Path.Combine(_folder, "a", "b", "store.db");

        await using var store = await SqliteStore.OpenAsync(nested, new SqliteStoreOptions(SqliteSynchronous.Normal));
        await store.Events.AppendAsync(Event("u", "i"), None);

        Assert.True(File.Exists(nested));
    }
}
