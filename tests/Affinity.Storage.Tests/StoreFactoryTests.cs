using Affinity.Storage.Tests.Fixtures;

namespace Affinity.Storage.Tests;

/// <summary>Opening a store by connection string.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreFactoryTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Sqlite_scheme_opens_a_file_store()
    {
        var folder = Directory.CreateTempSubdirectory("affinity-factory-").FullName;
        try
        {
            var path = Path.Combine(folder, "x.db");
            await using (var store = await StoreFactory.OpenAsync("sqlite:" + path))
            {
                await store.Events.AppendAsync(new NewEvent("u", "i", "view", 1, DateTimeOffset.UnixEpoch), CancellationToken.None);
            }

            Assert.True(File.Exists(path));
            await using var again = await StoreFactory.OpenAsync("SQLite:" + path);
            Assert.Equal(1, await again.Events.GetHighWaterMarkAsync(CancellationToken.None));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Postgres_scheme_opens_a_database_store()
    {
        var connectionString = await database.NewSchemaAsync();

        await using var store = await StoreFactory.OpenAsync("postgres:" + connectionString);
        var sequence = await store.Events.AppendAsync(new NewEvent("u", "i", "view", 1, DateTimeOffset.UnixEpoch), CancellationToken.None);

        Assert.Equal(1, sequence);
    }

    [Theory]
    [InlineData("mysql:server=x", "'mysql:'")]
    [InlineData("Host=db;Password=se:cret", "'(none)'")]
    [InlineData("sqlite:  ", "Nothing follows")]
    public async Task Bad_connection_strings_are_clear_errors_that_never_echo_secrets(string connectionString, string expected)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => StoreFactory.OpenAsync(connectionString));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cret", e.Message, StringComparison.Ordinal);
    }
}
