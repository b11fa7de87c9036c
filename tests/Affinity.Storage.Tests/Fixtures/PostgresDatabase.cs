using System.Globalization;
using Npgsql;

namespace Affinity.Storage.Tests.Fixtures;

/// <summary>
/// A throwaway database for one test class, dropped at the end; each test gets a fresh schema in it
/// (<see cref="NewSchemaAsync"/>), so tests never see each other's rows, sequences or schema versions.
/// </summary>
public sealed class PostgresDatabase(PostgresServer server) : IAsyncLifetime
{
    private readonly string _name = "affinity_test_" + Guid.NewGuid().ToString("N")[..12];
    private int _schemas;

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {_name}", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Creates an empty schema and returns a connection string whose search path starts there.</summary>
    public async Task<string> NewSchemaAsync()
    {
        var schema = "test_" + Interlocked.Increment(ref _schemas).ToString(CultureInfo.InvariantCulture);
        var builder = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = _name, Pooling = false };
        await using (var connection = new NpgsqlConnection(builder.ToString()))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        builder.SearchPath = schema;
        builder.Pooling = true;
        return builder.ToString();
    }

    public async Task DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
