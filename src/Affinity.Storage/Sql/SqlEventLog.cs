using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Affinity.Storage;

/// <summary>The event log over a <see cref="SqlDialect"/>.</summary>
internal sealed class SqlEventLog(SqlDialect dialect) : IEventLog
{
    private const string Columns = "seq, user_id, item_id, event_type, value, ts_ms";

    public async Task<long> AppendAsync(NewEvent item, CancellationToken cancellationToken)
    {
        RecordValidator.Event(item, 1);
        var range = await InsertAsync([item], cancellationToken).ConfigureAwait(false);
        return range.First;
    }

    public Task<SequenceRange> AppendBatchAsync(IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        RecordValidator.Events(events);
        return events.Count == 0 ? Task.FromResult(default(SequenceRange)) : InsertAsync(events, cancellationToken);
    }

    public async IAsyncEnumerable<StoredEvent> ReadAsync(long afterSequence, long throughSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await dialect.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.Query($"SELECT {Columns} FROM events WHERE seq > @after AND seq <= @through ORDER BY seq")
                .With("@after", afterSequence)
                .With("@through", throughSequence);
            await foreach (var e in ReadEventsAsync(command, cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
    }

    public async IAsyncEnumerable<StoredEvent> ReadUserAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        RecordValidator.Id(userId, "userId");
        var connection = await dialect.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.Query($"SELECT {Columns} FROM events WHERE user_id = @user ORDER BY seq").With("@user", userId);
            await foreach (var e in ReadEventsAsync(command, cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
    }

    public async Task<long> GetHighWaterMarkAsync(CancellationToken cancellationToken)
    {
        var connection = await dialect.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.Query("SELECT COALESCE(MAX(seq), 0) FROM events");
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return Convert.ToInt64(value, CultureInfo.InvariantCulture);
        }
    }

    public async Task<int> DeleteUserAsync(string userId, CancellationToken cancellationToken)
    {
        RecordValidator.Id(userId, "userId");
        var write = await dialect.BeginWriteAsync(WriteLock.None, cancellationToken).ConfigureAwait(false);
        await using (write.ConfigureAwait(false))
        {
            await using var command = write.Command("DELETE FROM events WHERE user_id = @user").With("@user", userId);
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await write.CommitAsync(cancellationToken).ConfigureAwait(false);
            return deleted;
        }
    }

    private static async IAsyncEnumerable<StoredEvent> ReadEventsAsync(DbCommand command, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return new StoredEvent(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetFloat(4),
                    Sql.FromMilliseconds(reader.GetInt64(5)));
            }
        }
    }

    private async Task<SequenceRange> InsertAsync(IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        var write = await dialect.BeginWriteAsync(WriteLock.Events, cancellationToken).ConfigureAwait(false);
        await using (write.ConfigureAwait(false))
        {
            var last = await dialect.InsertEventsAsync(write, events, cancellationToken).ConfigureAwait(false);
            await write.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new SequenceRange(last - events.Count + 1, events.Count);
        }
    }
}
