namespace Affinity.Storage;

/// <summary>The common reads of <see cref="IEventLog.ReadAsync"/>.</summary>
public static class EventLogExtensions
{
    /// <summary>Streams the whole log in sequence order.</summary>
    public static IAsyncEnumerable<StoredEvent> ReadAllAsync(this IEventLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.ReadAsync(0, long.MaxValue, cancellationToken);
    }

    /// <summary>Streams the events after <paramref name="afterSequence"/> in sequence order.</summary>
    public static IAsyncEnumerable<StoredEvent> ReadSinceAsync(this IEventLog log, long afterSequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.ReadAsync(afterSequence, long.MaxValue, cancellationToken);
    }
}
