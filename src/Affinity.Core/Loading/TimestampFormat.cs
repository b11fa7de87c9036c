namespace Affinity.Core.Loading;

/// <summary>How a generic loader reads the timestamp column.</summary>
public enum TimestampFormat
{
    /// <summary>Whole seconds since 1970-01-01 UTC.</summary>
    UnixSeconds,

    /// <summary>
    /// ISO 8601 date or date-time: <c>2018-09-24</c>, <c>2018-09-24T13:45:30</c>, with optional
    /// fractional seconds and <c>Z</c> or an offset such as <c>+02:00</c>; a space may replace the
    /// <c>T</c>. Without an offset the time is taken as UTC.
    /// </summary>
    Iso8601,
}
