using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Core.Loading;

/// <summary>Reads a timestamp field as Unix seconds, in one of the <see cref="TimestampFormat"/> forms.</summary>
internal static class TimestampParser
{
    // Exact formats rather than a lenient parse, so that "01/02/2020" is an error, not a guess between January and February.
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd' 'HH:mmK",
        "yyyy-MM-dd",
    ];

    public static long Parse(ReadOnlySpan<char> text, TimestampFormat format, string source, long line, string field)
    {
        if (format == TimestampFormat.UnixSeconds)
        {
            return FieldParser.Int64(text, source, line, field);
        }

        return DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant.ToUnixTimeSeconds()
            : throw new DataFormatException(source, line, field, $"{FieldNames.Quote(text)} is not an ISO 8601 date or date-time");
    }
}
