using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Affinity.Storage.Sqlite;

/// <summary>
/// SQLite behind <see cref="SqlStore"/>: one long-lived writer connection guarded by a semaphore
/// (SQLite has one writer at a time anyway, and queuing here is cheaper than retrying on
/// SQLITE_BUSY), pooled connections for readers.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _lastSequence;

    private SqliteDialect(string path, string connectionString, SqliteConnection writer)
    {
        Description = $"SQLite file {path}";
        _connectionString = connectionString;
        _writer = writer;
        _insertEvent = writer.CreateCommand();
        _insertEvent.CommandText = "INSERT INTO events (user_id, item_id, event_type, value, ts_ms) VALUES (@user, @item, @type, @value, @ts)";
        foreach (var name in (string[])["@user", "@item", "@type", "@value", "@ts"])
        {
            _insertEvent.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        _lastSequence = writer.CreateCommand();
        _lastSequence.CommandText = "SELECT last_insert_rowid()";
    }

    public override IReadOnlyList<string> Migrations => SqliteSchema.Migrations;

    public override string Description { get; }

    public static async Task<SqliteDialect> OpenAsync(string path, string connectionString, SqliteSynchronous synchronous, CancellationToken cancellationToken)
    {
        var writer = new SqliteConnection(connectionString);
        try
        {
            await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var wal = writer.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL";
                var mode = (string?)await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"SQLite file {path} could not switch to WAL mode (it reports '{mode}').");
                }
            }

            await using (var sync = writer.CreateCommand())
            {
                sync.CommandText = synchronous == SqliteSynchronous.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
                await sync.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new SqliteDialect(path, connectionString, writer);
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            SqliteConnection.ClearPool(writer);
            throw;
        }
    }

    public override async ValueTask<DbConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async Task<SqlWrite> BeginWriteAsync(WriteLock writeLock, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // IMMEDIATE takes SQLite's write lock now, so no other process can slip in between our reads and writes.
            var transaction = _writer.BeginTransaction(deferred: false);
            return new SqlWrite(_writer, transaction, () =>
            {
                _writeLock.Release();
                return ValueTask.CompletedTask;
            });
        }
        catch
        {
            _writeLock.Release();
            throw;
        }
    }

    public override void AddJson(DbCommand command, string name, string json) => command.With(name, json);

    public override async Task<long> InsertEventsAsync(SqlWrite write, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        var parameters = _insertEvent.Parameters;
        _insertEvent.Transaction = (SqliteTransaction)write.Transaction;
        _lastSequence.Transaction = _insertEvent.Transaction;
        for (var i = 0; i < events.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var e = events[i];
            parameters[0].Value = e.UserId;
            parameters[1].Value = e.ItemId;
            parameters[2].Value = e.EventType;
            parameters[3].Value = (double)e.Value;
            parameters[4].Value = Sql.ToMilliseconds(e.Timestamp);
            if (i == 0)
            {
                _insertEvent.Prepare();
            }

            // Microsoft.Data.Sqlite runs synchronously underneath; the async call would only add overhead per row.
            _insertEvent.ExecuteNonQuery();
        }

        return (long)(await _lastSequence.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public override async ValueTask DisposeAsync()
    {
        await _insertEvent.DisposeAsync().ConfigureAwait(false);
        await _lastSequence.DisposeAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);

        // Pooled reader connections would keep the file open after the store is gone.
        SqliteConnection.ClearPool(_writer);
        _writeLock.Dispose();
    }
}
