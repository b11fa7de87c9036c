using System.Text;
using System.Text.Json;
using Affinity.Core.Data;

namespace Affinity.Core.Loading;

/// <summary>
/// Imports interactions from JSON Lines (https://jsonlines.org): one JSON object per line, with
/// the properties that a <see cref="ColumnMapping"/> names. Ids may be strings or numbers (a number's
/// text is the id); values and timestamps may be JSON numbers or numeric strings; null or an
/// absent property is a missing field. Other properties are ignored; blank lines are skipped.
/// </summary>
/// <remarks>
/// Each line is read with <see cref="Utf8JsonReader"/> and no document is built, so a line costs
/// no allocation beyond new ids. A line that is not one JSON object, or that repeats a mapped
/// property, is a <see cref="DataFormatException"/> naming the line and the property.
/// </remarks>
public static class JsonLinesLoader
{
    private const int Roles = 5;

    /// <summary>Loads a UTF-8 file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="mapping">Which properties hold what; every column must be given by name.</param>
    /// <param name="name">The dataset name; the file name without extension when null.</param>
    /// <exception cref="ArgumentException">The mapping gives a column by position.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">A line is not valid JSON or a field is malformed.</exception>
    public static Dataset Load(string path, ColumnMapping mapping, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(mapping);
        CheckNamed(mapping);
        using var lines = LineReader.Open(path);
        return Load(lines, mapping, name ?? Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Loads from a reader.</summary>
    /// <param name="reader">The text; left open.</param>
    /// <param name="sourceName">How errors name the source.</param>
    /// <param name="mapping">Which properties hold what; every column must be given by name.</param>
    /// <param name="name">The dataset name; <paramref name="sourceName"/> when null.</param>
    /// <exception cref="ArgumentException">The mapping gives a column by position.</exception>
    /// <exception cref="DataFormatException">A line is not valid JSON or a field is malformed.</exception>
    public static Dataset Load(TextReader reader, string sourceName, ColumnMapping mapping, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        ArgumentNullException.ThrowIfNull(mapping);
        CheckNamed(mapping);
        using var lines = new LineReader(reader, sourceName, leaveOpen: true);
        return Load(lines, mapping, name ?? sourceName);
    }

    private static void CheckNamed(ColumnMapping mapping)
    {
        foreach (var (role, column) in mapping.Roles())
        {
            if (!column.IsNamed)
            {
                throw new ArgumentException($"JSON lines are read by property name, but the {role} column is given by position {column.Position}.", nameof(mapping));
            }
        }
    }

    private static Dataset Load(LineReader lines, ColumnMapping mapping, string name)
    {
        // Role slots: 0 user, 1 item, 2 value, 3 timestamp, 4 event type; null where unmapped.
        ColumnRef?[] columns = [mapping.User, mapping.Item, mapping.Value, mapping.Timestamp, mapping.EventType];
        var propertyNames = new byte[Roles][];
        var mappedNames = new List<string>();
        for (var r = 0; r < Roles; r++)
        {
            propertyNames[r] = columns[r] is { } column ? Encoding.UTF8.GetBytes(column.Name!) : [];
            if (columns[r] is { } mapped)
            {
                mappedNames.Add(mapped.Name!);
            }
        }

        var rows = new MappedRows(mapping, name, lines.Source, mappedNames);
        var text = new char[]?[Roles];
        var lengths = new int[Roles];
        var bytes = new byte[1024];
        while (lines.TryReadLine(out var line))
        {
            if (line.IsWhiteSpace())
            {
                continue;
            }

            var needed = Encoding.UTF8.GetMaxByteCount(line.Length);
            if (bytes.Length < needed)
            {
                bytes = new byte[needed];
            }

            var byteCount = Encoding.UTF8.GetBytes(line, bytes);
            Array.Clear(lengths);
            ReadObject(bytes.AsSpan(0, byteCount), columns, propertyNames, text, lengths, lines);
            var row = new RawRow
            {
                User = Slot(text, lengths, 0),
                Item = Slot(text, lengths, 1),
                Value = Slot(text, lengths, 2),
                Timestamp = Slot(text, lengths, 3),
                EventType = Slot(text, lengths, 4),
            };
            rows.Add(row, lines.LineNumber);
        }

        return rows.Build();
    }

    private static ReadOnlySpan<char> Slot(char[]?[] text, int[] lengths, int role)
        => lengths[role] > 0 ? text[role]!.AsSpan(0, lengths[role]) : default;

    private static void ReadObject(ReadOnlySpan<byte> json, ColumnRef?[] columns, byte[][] propertyNames, char[]?[] text, int[] lengths, LineReader lines)
    {
        var reader = new Utf8JsonReader(json);
        string? property = null;
        var unmappedStart = -1;
        var unmappedLength = 0;
        var seen = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new DataFormatException(lines.Source, lines.LineNumber, null, "the line is not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var role = RoleOf(ref reader, propertyNames);
                if (role < 0)
                {
                    // Only an error needs an unmapped property's name, so it is decoded only then.
                    property = null;
                    unmappedStart = (int)reader.TokenStartIndex + 1;
                    unmappedLength = reader.ValueSpan.Length;
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                property = columns[role]!.Name;
                unmappedStart = -1;
                reader.Read();

                if ((seen & (1 << role)) != 0)
                {
                    throw new DataFormatException(lines.Source, lines.LineNumber, property, "the property appears twice");
                }

                seen |= 1 << role;
                lengths[role] = CopyScalar(ref reader, ref text[role], lines, property!);
            }

            property = null;
            unmappedStart = -1;

            // Reading past the object makes the reader reject anything after it on the line.
            reader.Read();
        }
        catch (JsonException e)
        {
            property ??= unmappedStart >= 0 ? Encoding.UTF8.GetString(json.Slice(unmappedStart, unmappedLength)) : null;
            throw new DataFormatException(lines.Source, lines.LineNumber, property, $"invalid JSON: {e.Message}", e);
        }
    }

    private static int RoleOf(ref Utf8JsonReader reader, byte[][] propertyNames)
    {
        for (var r = 0; r < propertyNames.Length; r++)
        {
            if (propertyNames[r].Length > 0 && reader.ValueTextEquals(propertyNames[r]))
            {
                return r;
            }
        }

        return -1;
    }

    private static int CopyScalar(ref Utf8JsonReader reader, ref char[]? buffer, LineReader lines, string property)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return 0;
            case JsonTokenType.String:
                EnsureLength(ref buffer, reader.ValueSpan.Length);
                return reader.CopyString(buffer);
            case JsonTokenType.Number:
                // A number's own text: 42 is the id "42", and 4.5 parses like the string "4.5".
                EnsureLength(ref buffer, reader.ValueSpan.Length);
                return Encoding.UTF8.GetChars(reader.ValueSpan, buffer);
            default:
                throw new DataFormatException(lines.Source, lines.LineNumber, property, $"expected a string or a number, found {reader.TokenType}");
        }
    }

    private static void EnsureLength([System.Diagnostics.CodeAnalysis.NotNull] ref char[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = new char[Math.Max(length, 64)];
        }
    }
}
