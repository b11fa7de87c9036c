using Affinity.Core.Data;

namespace Affinity.Core.Loading;

/// <summary>
/// Imports interactions from a delimited text file of the user's own (CSV, TSV, or any delimiter)
/// as a <see cref="ColumnMapping"/> describes it. Every line must have as many fields as the header
/// (or, without a header, as the first line); blank lines are skipped; every bad field is a
/// <see cref="DataFormatException"/> naming the source, line and field.
/// </summary>
/// <remarks>Files are read as UTF-8 (a byte-order mark is skipped); pass a <see cref="TextReader"/> for another encoding.</remarks>
public static class DelimitedFileLoader
{
    /// <summary>Loads a UTF-8 file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="mapping">Which columns hold what.</param>
    /// <param name="name">The dataset name; the file name without extension when null.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The header lacks a mapped column, or a line is malformed.</exception>
    public static Dataset Load(string path, ColumnMapping mapping, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(mapping);
        using var lines = LineReader.Open(path);
        return Load(lines, mapping, name ?? Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Loads from a reader.</summary>
    /// <param name="reader">The text; left open.</param>
    /// <param name="sourceName">How errors name the source.</param>
    /// <param name="mapping">Which columns hold what.</param>
    /// <param name="name">The dataset name; <paramref name="sourceName"/> when null.</param>
    /// <exception cref="DataFormatException">The header lacks a mapped column, or a line is malformed.</exception>
    public static Dataset Load(TextReader reader, string sourceName, ColumnMapping mapping, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        ArgumentNullException.ThrowIfNull(mapping);
        using var lines = new LineReader(reader, sourceName, leaveOpen: true);
        return Load(lines, mapping, name ?? sourceName);
    }

    private static Dataset Load(LineReader lines, ColumnMapping mapping, string name)
    {
        var roles = mapping.Roles();
        var splitter = new FieldSplitter(mapping.Delimiter, mapping.Quoting);
        var positions = new int[roles.Count];
        var names = new string[roles.Count];
        var fieldCount = -1;
        if (mapping.HasHeader)
        {
            fieldCount = ReadHeader(lines, splitter, roles, positions, names);
        }
        else
        {
            for (var r = 0; r < roles.Count; r++)
            {
                positions[r] = roles[r].Column.Position;
                names[r] = $"{roles[r].Role} ({roles[r].Column})";
            }
        }

        var rows = new MappedRows(mapping, name, lines.Source, names);
        while (lines.TryReadLine(out var line))
        {
            if (line.IsEmpty)
            {
                continue;
            }

            var count = splitter.Split(line, lines.Source, lines.LineNumber);
            if (fieldCount < 0)
            {
                fieldCount = count;
                CheckPositions(lines, positions, names, count);
            }
            else if (count != fieldCount)
            {
                throw WrongFieldCount(lines, positions, names, count, fieldCount);
            }

            var row = new RawRow { User = splitter[positions[0]], Item = splitter[positions[1]] };
            var k = 2;
            if (mapping.Value is not null)
            {
                row.Value = splitter[positions[k++]];
            }

            if (mapping.Timestamp is not null)
            {
                row.Timestamp = splitter[positions[k++]];
            }

            if (mapping.EventType is not null)
            {
                row.EventType = splitter[positions[k]];
            }

            rows.Add(row, lines.LineNumber);
        }

        return rows.Build();
    }

    private static int ReadHeader(LineReader lines, FieldSplitter splitter, IReadOnlyList<(string Role, ColumnRef Column)> roles, int[] positions, string[] names)
    {
        if (!lines.TryReadLine(out var header))
        {
            throw new DataFormatException(lines.Source, 1, null, "the file is empty, but the mapping expects a header row");
        }

        var count = splitter.Split(header, lines.Source, lines.LineNumber);
        for (var r = 0; r < roles.Count; r++)
        {
            var (role, column) = roles[r];
            if (!column.IsNamed)
            {
                positions[r] = column.Position;
                names[r] = $"{role} ({column})";
                continue;
            }

            positions[r] = -1;
            names[r] = column.Name!;
            for (var c = 0; c < count; c++)
            {
                if (splitter[c].SequenceEqual(column.Name))
                {
                    if (positions[r] >= 0)
                    {
                        throw new DataFormatException(lines.Source, lines.LineNumber, column.Name, $"the {role} column appears twice in the header");
                    }

                    positions[r] = c;
                }
            }

            if (positions[r] < 0)
            {
                var found = new string[count];
                for (var c = 0; c < count; c++)
                {
                    found[c] = splitter[c].ToString();
                }

                throw new DataFormatException(lines.Source, lines.LineNumber, column.Name, $"the {role} column is not in the header, which has: {string.Join(", ", found)}");
            }
        }

        CheckPositions(lines, positions, names, count);
        return count;
    }

    private static void CheckPositions(LineReader lines, int[] positions, string[] names, int fieldCount)
    {
        for (var r = 0; r < positions.Length; r++)
        {
            if (positions[r] >= fieldCount)
            {
                throw new DataFormatException(lines.Source, lines.LineNumber, names[r], $"the mapping reads column {positions[r] + 1}, but the line has only {fieldCount} fields");
            }

            var shared = Array.IndexOf(positions, positions[r], 0, r);
            if (shared >= 0)
            {
                throw new DataFormatException(lines.Source, lines.LineNumber, names[r], $"'{names[shared]}' and '{names[r]}' are the same column");
            }
        }
    }

    private static DataFormatException WrongFieldCount(LineReader lines, int[] positions, string[] names, int count, int expected)
    {
        // Name the first mapped field that the short line lacks; a long line has no such field.
        var field = FieldNames.Positional(Math.Min(count, expected));
        var firstLacking = int.MaxValue;
        for (var r = 0; r < positions.Length; r++)
        {
            if (positions[r] >= count && positions[r] < firstLacking)
            {
                firstLacking = positions[r];
                field = names[r];
            }
        }

        return new DataFormatException(lines.Source, lines.LineNumber, field, $"the line has {count} fields, {expected} expected");
    }
}
