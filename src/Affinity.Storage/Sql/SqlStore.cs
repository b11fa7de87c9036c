using System.Globalization;

namespace Affinity.Storage;

/// <summary>The store over any <see cref="SqlDialect"/>: the shared queries, validation and transactions.</summary>
internal sealed class SqlStore : IStore
{
    private readonly SqlDialect _dialect;

    private SqlStore(SqlDialect dialect, int schemaVersion, TimeProvider clock)
    {
        _dialect = dialect;
        SchemaVersion = schemaVersion;
        Events = new SqlEventLog(dialect);
        Items = new SqlItemCatalog(dialect);
        Users = new SqlUserStore(dialect);
        Models = new SqlModelRegistry(dialect, clock);
    }

    public int SchemaVersion { get; }

    public IEventLog Events { get; }

    public IItemCatalog Items { get; }

    public IUserStore Users { get; }

    public IModelRegistry Models { get; }

    /// <summary>Migrates the schema and opens the store; on failure the dialect is disposed.</summary>
    public static async Task<IStore> OpenAsync(SqlDialect dialect, TimeProvider? clock, CancellationToken cancellationToken)
    {
        try
        {
            var version = await MigrateAsync(dialect, cancellationToken).ConfigureAwait(false);
            return new SqlStore(dialect, version, clock ?? TimeProvider.System);
        }
        catch
        {
            await dialect.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<ForgetResult> ForgetUserAsync(string userId, CancellationToken cancellationToken)
    {
        RecordValidator.Id(userId, "userId");
        var write = await _dialect.BeginWriteAsync(WriteLock.None, cancellationToken).ConfigureAwait(false);
        await using (write.ConfigureAwait(false))
        {
            int events;
            await using (var command = write.Command("DELETE FROM events WHERE user_id = @user").With("@user", userId))
            {
                events = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            int users;
            await using (var command = write.Command("DELETE FROM users WHERE id = @user").With("@user", userId))
            {
                users = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await write.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new ForgetResult(events, users > 0);
        }
    }

    public ValueTask DisposeAsync() => _dialect.DisposeAsync();

    // schema_version keeps one row per applied migration, so the history of an old file is visible.
    private static async Task<int> MigrateAsync(SqlDialect dialect, CancellationToken cancellationToken)
    {
        var migrations = dialect.Migrations;
        var write = await dialect.BeginWriteAsync(WriteLock.Schema, cancellationToken).ConfigureAwait(false);
        await using (write.ConfigureAwait(false))
        {
            await using (var create = write.Command("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_ms BIGINT NOT NULL)"))
            {
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            int current;
            await using (var read = write.Command("SELECT COALESCE(MAX(version), 0) FROM schema_version"))
            {
                current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            }

            if (current > migrations.Count)
            {
                throw new StoreSchemaException(dialect.Description, current, migrations.Count);
            }

            for (var version = current; version < migrations.Count; version++)
            {
                await using (var migrate = write.Command(migrations[version]))
                {
                    await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using var record = write.Command("INSERT INTO schema_version (version, applied_ms) VALUES (@version, @now)")
                    .With("@version", version + 1)
                    .With("@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await write.CommitAsync(cancellationToken).ConfigureAwait(false);
            return migrations.Count;
        }
    }
}
