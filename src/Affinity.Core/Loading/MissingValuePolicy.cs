namespace Affinity.Core.Loading;

/// <summary>What a generic loader does with a row whose mapped field is empty, null or absent.</summary>
public enum MissingValuePolicy
{
    /// <summary>Stop with a <see cref="Data.DataFormatException"/> naming the line and field.</summary>
    Error,

    /// <summary>Leave the row out.</summary>
    SkipRow,

    /// <summary>
    /// Use <see cref="ColumnMapping.DefaultValue"/> for a missing value; a missing id, timestamp
    /// or event type, which have no sensible default, is still an error.
    /// </summary>
    UseDefault,
}
