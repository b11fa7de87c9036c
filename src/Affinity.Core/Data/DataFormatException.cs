namespace Affinity.Core.Data;

/// <summary>
/// Bad input data: names the source (file or stream), the 1-based line, the field and the reason,
/// so that a person can open the file and fix it.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception for a problem at a place in a source.</summary>
    public DataFormatException(string source, long line, string? field, string reason, Exception? innerException = null)
        : base(Describe(source, line, field, reason), innerException)
    {
        Source = source;
        Line = line;
        Field = field;
        Reason = reason;
    }

    /// <summary>The file path or stream name the data came from.</summary>
    public new string Source { get; }

    /// <summary>The 1-based line number, or 0 when the problem is not on one line.</summary>
    public long Line { get; }

    /// <summary>The field (column) name, when the problem is in one field.</summary>
    public string? Field { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    private static string Describe(string source, long line, string? field, string reason)
    {
        var where = line > 0 ? $"{source}:{line}" : source;
        return field is null ? $"{where}: {reason}" : $"{where}: field '{field}': {reason}";
    }
}
