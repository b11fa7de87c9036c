using System.Globalization;

namespace Affinity.Core.Loading;

/// <summary>How errors name a field that has no name: its 1-based position.</summary>
internal static class FieldNames
{
    public static string Positional(int index) => string.Create(CultureInfo.InvariantCulture, $"#{index + 1}");

    /// <summary>Quotes offending text for an error message, shortened so one bad line cannot flood a log.</summary>
    public static string Quote(ReadOnlySpan<char> text)
        => text.Length <= 40 ? $"'{text}'" : $"'{text[..40]}...'";
}
