using System.Globalization;
using Affinity.Storage;

namespace Affinity.Server.Hosting;

/// <summary>The strict checks every input passes; each failure is an <see cref="ApiException"/> naming the field.</summary>
internal static class Validate
{
    /// <summary>The punctuation an id may hold besides letters and digits.</summary>
    public const string IdPunctuation = "-_.:@~+=";

    /// <summary>An id: 1 to <see cref="StoreLimits.MaxIdLength"/> characters, letters, digits and <see cref="IdPunctuation"/> only.</summary>
    public static string Id(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw ApiException.Invalid(field, $"'{field}' is required.");
        }

        if (value.Length > StoreLimits.MaxIdLength)
        {
            throw ApiException.Invalid(field, $"'{field}' is longer than {StoreLimits.MaxIdLength} characters.");
        }

        foreach (var c in value)
        {
            if (!char.IsLetterOrDigit(c) && !IdPunctuation.Contains(c, StringComparison.Ordinal))
            {
                throw ApiException.Invalid(field, $"'{field}' may hold only letters, digits and '{IdPunctuation}'.");
            }
        }

        return value;
    }

    /// <summary>An optional integer in [min, max] from a query string.</summary>
    public static int Int(string? text, string field, int fallback, int min, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw ApiException.Invalid(field, $"'{field}' must be an integer from {min} to {max}.");
        }

        return value;
    }

    /// <summary>An optional number in [min, max] from a query string.</summary>
    public static double? Double(string? text, string field, double min, double max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= min && value <= max))
        {
            throw ApiException.Invalid(field, $"'{field}' must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value;
    }

    /// <summary>An optional boolean ("true"/"false"/"1"/"0") from a query string.</summary>
    public static bool Bool(string? text, string field, bool fallback)
        => string.IsNullOrEmpty(text)
            ? fallback
            : text.ToUpperInvariant() switch
            {
                "TRUE" or "1" => true,
                "FALSE" or "0" => false,
                _ => throw ApiException.Invalid(field, $"'{field}' must be true or false."),
            };

    /// <summary>Ids from repeated or comma-separated query values, each checked.</summary>
    public static string[] IdList(string[]? values, string field)
    {
        if (values is null || values.Length == 0)
        {
            return [];
        }

        var ids = new List<string>();
        foreach (var value in values)
        {
            foreach (var id in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                ids.Add(Id(id, field));
            }
        }

        if (ids.Count > 1000)
        {
            throw ApiException.Invalid(field, $"'{field}' lists more than 1000 ids.");
        }

        return [.. ids];
    }
}
