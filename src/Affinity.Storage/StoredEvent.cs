namespace Affinity.Storage;

/// <summary>An event as the log holds it.</summary>
/// <param name="Sequence">Its position in the log (1, 2, ...; never reused).</param>
/// <param name="UserId">The external user id.</param>
/// <param name="ItemId">The external item id.</param>
/// <param name="EventType">The event type.</param>
/// <param name="Value">The value.</param>
/// <param name="Timestamp">When it happened, in UTC, to the millisecond.</param>
public sealed record StoredEvent(long Sequence, string UserId, string ItemId, string EventType, float Value, DateTimeOffset Timestamp);
