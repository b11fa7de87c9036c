namespace Affinity.Storage;

/// <summary>
/// The append-only event log. Every stored event gets a sequence number that grows with every
/// append and is never reused, not even after events are deleted, so "since sequence N" is a
/// complete cursor: an event with a lower number never appears after a reader has passed it.
/// </summary>
public interface IEventLog
{
    /// <summary>Appends one event; when the task completes the event is durable.</summary>
    /// <returns>The event's sequence number.</returns>
    /// <exception cref="Core.Data.DataFormatException">A field is invalid; nothing was stored.</exception>
    Task<long> AppendAsync(NewEvent item, CancellationToken cancellationToken);

    /// <summary>
    /// Appends a batch atomically: either every event is stored, with consecutive sequence numbers,
    /// or none is. When the task completes the batch is durable. Unknown users and items are
    /// fine: events create ids.
    /// </summary>
    /// <exception cref="Core.Data.DataFormatException">An event is invalid (the message names its position and field); nothing was stored.</exception>
    Task<SequenceRange> AppendBatchAsync(IReadOnlyList<NewEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Streams the events with <paramref name="afterSequence"/> &lt; sequence &lt;= <paramref name="throughSequence"/>
    /// in sequence order, from one consistent view of the log.
    /// </summary>
    IAsyncEnumerable<StoredEvent> ReadAsync(long afterSequence, long throughSequence, CancellationToken cancellationToken);

    /// <summary>Streams one user's events in sequence order.</summary>
    IAsyncEnumerable<StoredEvent> ReadUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The highest sequence number stored, or 0 for an empty log.</summary>
    Task<long> GetHighWaterMarkAsync(CancellationToken cancellationToken);

    /// <summary>Deletes all of one user's events.</summary>
    /// <returns>How many were deleted.</returns>
    Task<int> DeleteUserAsync(string userId, CancellationToken cancellationToken);
}
