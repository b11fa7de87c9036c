namespace Affinity.Core.Cleaning;

/// <summary>
/// How <see cref="Deduplication.Deduplicate"/> turns the events of one (user, item) pair into one
/// interaction.
/// </summary>
public enum DuplicatePolicy
{
    /// <summary>The sum of the values (total plays, total confidence); keeps the latest event's timestamp and type.</summary>
    Sum,

    /// <summary>The arithmetic mean of the values; keeps the latest event's timestamp and type.</summary>
    Mean,

    /// <summary>The largest value; keeps the latest event's timestamp and type.</summary>
    Max,

    /// <summary>The smallest value; keeps the latest event's timestamp and type.</summary>
    Min,

    /// <summary>The earliest event, whole (value, timestamp, type); by input order without timestamps.</summary>
    First,

    /// <summary>The latest event, whole (value, timestamp, type); by input order without timestamps.</summary>
    Last,

    /// <summary>The number of events as the value, making the result implicit feedback; keeps the latest event's timestamp and type.</summary>
    Count,
}
