using System.Buffers;
using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Core.Loading;

/// <summary>
/// Parses one field's text, throwing a <see cref="DataFormatException"/> that names the source,
/// line and field. Nothing here ever turns bad text into a zero: an empty id, a non-number, NaN,
/// an infinity or a rating off its scale is an error.
/// </summary>
internal static class FieldParser
{
    private static readonly SearchValues<char> NotDigits = SearchValues.Create("0123456789");

    public static ReadOnlySpan<char> Id(ReadOnlySpan<char> text, string source, long line, string field)
    {
        if (text.IsEmpty)
        {
            throw new DataFormatException(source, line, field, "the id is empty");
        }

        return text;
    }

    /// <summary>An id that the format defines as a non-negative integer; the text itself is the id.</summary>
    public static ReadOnlySpan<char> IntegerId(ReadOnlySpan<char> text, string source, long line, string field)
    {
        Id(text, source, line, field);
        if (text.ContainsAnyExcept(NotDigits))
        {
            throw new DataFormatException(source, line, field, $"the id {FieldNames.Quote(text)} is not a whole number");
        }

        return text;
    }

    public static int Int32(ReadOnlySpan<char> text, string source, long line, string field)
        => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw NotA(text, "whole number", source, line, field);

    public static long Int64(ReadOnlySpan<char> text, string source, long line, string field)
        => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw NotA(text, "whole number", source, line, field);

    public static float Finite(ReadOnlySpan<char> text, string source, long line, string field)
    {
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw NotA(text, "number", source, line, field);
        }

        if (!float.IsFinite(value))
        {
            throw new DataFormatException(source, line, field, $"{FieldNames.Quote(text)} is not a finite number");
        }

        return value;
    }

    public static float Rating(ReadOnlySpan<char> text, RatingScale? scale, string source, long line, string field)
    {
        var value = Finite(text, source, line, field);
        if (scale is not null && !scale.Contains(value))
        {
            throw new DataFormatException(source, line, field, $"the rating {FieldNames.Quote(text)} is off the scale {scale}");
        }

        return value;
    }

    private static DataFormatException NotA(ReadOnlySpan<char> text, string what, string source, long line, string field)
        => new(source, line, field, text.IsEmpty ? $"the field is empty where a {what} is required" : $"{FieldNames.Quote(text)} is not a {what}");
}
