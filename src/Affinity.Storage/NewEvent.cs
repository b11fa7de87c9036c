namespace Affinity.Storage;

/// <summary>
/// An event to append: a user did something (<paramref name="EventType"/>: "view", "purchase",
/// "rating") to an item, with a value (1 for presence, a count, a rating) at a time.
/// </summary>
/// <param name="UserId">The external user id (1 to <see cref="StoreLimits.MaxIdLength"/> characters, no control characters).</param>
/// <param name="ItemId">The external item id (same rules).</param>
/// <param name="EventType">The event type (1 to <see cref="StoreLimits.MaxEventTypeLength"/> characters).</param>
/// <param name="Value">A finite number.</param>
/// <param name="Timestamp">When it happened; the store keeps whole milliseconds and drops finer parts.</param>
public sealed record NewEvent(string UserId, string ItemId, string EventType, float Value, DateTimeOffset Timestamp);
