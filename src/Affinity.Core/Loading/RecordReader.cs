using System.Text;
using Affinity.Core.Data;

namespace Affinity.Core.Loading;

/// <summary>
/// Reads a delimited file of a known layout record by record: every non-empty line must have
/// exactly the declared fields, and every accessor names the field in its error.
/// </summary>
internal sealed class RecordReader : IDisposable
{
    private readonly LineReader _lines;
    private readonly FieldSplitter _splitter;
    private readonly string[] _names;
    private readonly string _delimiter;

    public RecordReader(LineReader lines, string delimiter, bool quoting, IReadOnlyList<string> fieldNames)
    {
        _lines = lines;
        _delimiter = delimiter;
        _splitter = new FieldSplitter(delimiter, quoting);
        _names = [.. fieldNames];
    }

    public string Source => _lines.Source;

    public long Line => _lines.LineNumber;

    public ReadOnlySpan<char> this[int field] => _splitter[field];

    public static RecordReader Open(string path, Encoding encoding, string delimiter, bool quoting, IReadOnlyList<string> fieldNames)
        => new(LineReader.Open(path, encoding), delimiter, quoting, fieldNames);

    /// <summary>Opens a file whose first line is a header naming the declared fields, and checks that header.</summary>
    public static RecordReader OpenWithHeader(string path, Encoding encoding, string delimiter, bool quoting, IReadOnlyList<string> fieldNames)
    {
        var reader = Open(path, encoding, delimiter, quoting, fieldNames);
        try
        {
            reader.ReadHeader();
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Reads the header line and checks that it names the declared fields, in order.</summary>
    public void ReadHeader()
    {
        if (!Read())
        {
            throw new DataFormatException(Source, Line + 1, null, $"the file is empty; expected the header '{string.Join(_delimiter, _names)}'");
        }

        for (var i = 0; i < _names.Length; i++)
        {
            if (!_splitter[i].SequenceEqual(_names[i]))
            {
                throw new DataFormatException(Source, Line, _names[i], $"the header has {FieldNames.Quote(_splitter[i])} where '{_names[i]}' was expected");
            }
        }
    }

    /// <summary>Moves to the next non-empty line.</summary>
    /// <returns>False at the end of the file.</returns>
    public bool Read()
    {
        ReadOnlySpan<char> line;
        do
        {
            if (!_lines.TryReadLine(out line))
            {
                return false;
            }
        }
        while (line.IsEmpty);

        var count = _splitter.Split(line, Source, Line, _names);
        if (count < _names.Length)
        {
            throw new DataFormatException(Source, Line, _names[count], $"the field is missing: the line has {count} fields, {_names.Length} expected");
        }

        if (count > _names.Length)
        {
            throw new DataFormatException(Source, Line, FieldNames.Positional(_names.Length), $"an unexpected extra field: the line has {count} fields, {_names.Length} expected");
        }

        return true;
    }

    public DataFormatException Error(int field, string reason) => new(Source, Line, _names[field], reason);

    public string Id(int field, IdPool pool) => pool.Get(FieldParser.Id(_splitter[field], Source, Line, _names[field]));

    public string IntegerId(int field, IdPool pool) => pool.Get(FieldParser.IntegerId(_splitter[field], Source, Line, _names[field]));

    public int Int32(int field) => FieldParser.Int32(_splitter[field], Source, Line, _names[field]);

    public long Int64(int field) => FieldParser.Int64(_splitter[field], Source, Line, _names[field]);

    public float Finite(int field) => FieldParser.Finite(_splitter[field], Source, Line, _names[field]);

    public float Rating(int field, RatingScale? scale) => FieldParser.Rating(_splitter[field], scale, Source, Line, _names[field]);

    /// <summary>The field as text; an empty field is an error.</summary>
    public string Text(int field)
    {
        var text = _splitter[field];
        return text.IsEmpty ? throw Error(field, "the field is empty") : text.ToString();
    }

    /// <summary>The field as a shared string (for repeated labels such as tags); an empty field is an error.</summary>
    public string PooledText(int field, IdPool pool)
    {
        var text = _splitter[field];
        return text.IsEmpty ? throw Error(field, "the field is empty") : pool.Get(text);
    }

    /// <summary>The field as text, or null when it is empty.</summary>
    public string? OptionalText(int field)
    {
        var text = _splitter[field];
        return text.IsEmpty ? null : text.ToString();
    }

    public void Dispose() => _lines.Dispose();
}
