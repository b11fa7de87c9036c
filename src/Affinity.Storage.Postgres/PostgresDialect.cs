using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Affinity.Storage.Postgres;

/// <summary>PostgreSQL behind <see cref="SqlStore"/>: pooled connections from one data source, advisory locks, COPY for large batches.</summary>
internal sealed class PostgresDialect(NpgsqlDataSource dataSource, string description, int copyThreshold) : SqlDialect
{
    // Arbitrary but fixed advisory-lock keys ("Affi" + a number), one per kind of writer.
    private const long LockBase = 0x4166_6669_0000_0000;

    private const string InsertArrays =
        "INSERT INTO events (user_id, item_id, event_type, value, ts_ms) "
        + "SELECT u, i, t, v, ts FROM unnest(@users, @items, @types, @values, @ts) WITH ORDINALITY AS x(u, i, t, v, ts, n) ORDER BY n";

    private const string Copy = "COPY events (user_id, item_id, event_type, value, ts_ms) FROM STDIN (FORMAT BINARY)";

    public override IReadOnlyList<string> Migrations => PostgresSchema.Migrations;

    public override string Description => description;

    public override async ValueTask<DbConnection> OpenReadAsync(CancellationToken cancellationToken)
        => await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<SqlWrite> BeginWriteAsync(WriteLock writeLock, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var write = new SqlWrite(connection, transaction, connection.DisposeAsync);
            if (writeLock != WriteLock.None)
            {
                await using var command = write.Command("SELECT pg_advisory_xact_lock(@key)").With("@key", LockBase + (long)writeLock);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return write;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override void AddJson(DbCommand command, string name, string json)
        => command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json });

    public override async Task<long> InsertEventsAsync(SqlWrite write, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)write.Connection;
        if (events.Count >= copyThreshold)
        {
            var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken).ConfigureAwait(false);
            await using (importer.ConfigureAwait(false))
            {
                foreach (var e in events)
                {
                    await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(e.UserId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(e.ItemId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(e.EventType, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(e.Value, NpgsqlDbType.Real, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(Sql.ToMilliseconds(e.Timestamp), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                }

                await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            var users = new string[events.Count];
            var items = new string[events.Count];
            var types = new string[events.Count];
            var values = new float[events.Count];
            var times = new long[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                (users[i], items[i], types[i], values[i]) = (events[i].UserId, events[i].ItemId, events[i].EventType, events[i].Value);
                times[i] = Sql.ToMilliseconds(events[i].Timestamp);
            }

            await using var command = write.Command(InsertArrays)
                .With("@users", users).With("@items", items).With("@types", types).With("@values", values).With("@ts", times);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Appends hold the events lock, so this session's last identity value ends a consecutive run.
        await using var last = write.Command("SELECT currval(pg_get_serial_sequence('events', 'seq'))");
        return (long)(await last.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public override ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
