using Affinity.Storage.Postgres;
using Affinity.Storage.Tests.Conformance;
using Affinity.Storage.Tests.Fixtures;
using Npgsql;

namespace Affinity.Storage.Tests;

/// <summary>The conformance suite on PostgreSQL: one throwaway database for the class, a fresh schema per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresDatabase database) : StoreConformanceTests, IClassFixture<PostgresDatabase>
{
    private string _connectionString = string.Empty;

    protected override async Task PrepareDatabaseAsync() => _connectionString = await database.NewSchemaAsync();

    // A small copy threshold so the suite covers both the array INSERT and the COPY path.
    protected override Task<IStore> OpenStoreAsync() => PostgresStore.OpenAsync(_connectionString, new PostgresStoreOptions(CopyThreshold: 5));

    protected override async Task WriteSchemaVersionAsync(int version)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"INSERT INTO schema_version (version, applied_ms) VALUES ({version}, 0)", connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Attributes_and_metrics_are_jsonb_and_model_files_bytea()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name || '.' || column_name || '=' || data_type FROM information_schema.columns "
            + "WHERE table_schema = current_schema() AND column_name IN ('attributes', 'metrics', 'options', 'content', 'seq') ORDER BY 1",
            connection);
        var columns = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        Assert.Equal(
            ["events.seq=bigint", "items.attributes=jsonb", "model_activations.seq=bigint", "models.content=bytea", "models.metrics=jsonb", "models.options=jsonb", "users.attributes=jsonb"],
            columns);
    }
}
