namespace Affinity.Core.Engine;

/// <summary>One event the engine received after its snapshot was trained.</summary>
/// <param name="ItemId">The external item id (possibly unknown to the snapshot).</param>
/// <param name="Value">The event's value, weighted as the training data's values are (a rating, a count, an event-type weight).</param>
/// <param name="EventType">The event type ("view", "purchase"), or null; kept for the hosts, not read by scoring.</param>
/// <param name="Timestamp">When it happened, in Unix seconds.</param>
/// <param name="Sequence">The store's sequence number of the event, which orders events and is compared with <see cref="ServingSnapshot.Sequence"/>.</param>
public readonly record struct LiveEvent(string ItemId, float Value, string? EventType, long Timestamp, long Sequence);
