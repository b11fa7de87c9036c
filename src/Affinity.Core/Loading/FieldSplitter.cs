using Affinity.Core.Data;

namespace Affinity.Core.Loading;

/// <summary>
/// Splits one line into fields at a delimiter (one character such as ',' or a string such as
/// "::"), optionally honouring RFC 4180 quoting: a field that starts with a double quote runs to
/// the matching closing quote, may contain the delimiter, and writes a literal quote as two quotes.
/// </summary>
/// <remarks>
/// The splitter reuses its buffers, so a field span is valid only until the next
/// <see cref="Split"/>. A quoted field must close on the same line (RFC 4180 allows a line break
/// inside quotes; none of the supported datasets uses one, and a reader that silently joined
/// lines would hide an unbalanced quote). A quote inside an unquoted field is kept as text.
/// </remarks>
public sealed class FieldSplitter
{
    private readonly string _delimiter;
    private readonly bool _quoting;
    private char[] _chars = new char[256];
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];

    /// <summary>Creates a splitter for one delimiter.</summary>
    /// <param name="delimiter">The field separator; one or more characters, neither a quote nor a line break.</param>
    /// <param name="quoting">Whether RFC 4180 quoted fields are recognised.</param>
    /// <exception cref="ArgumentException">The delimiter is empty or contains a quote or a line break.</exception>
    public FieldSplitter(string delimiter, bool quoting)
    {
        ArgumentException.ThrowIfNullOrEmpty(delimiter);
        if (delimiter.AsSpan().IndexOfAny("\"\r\n") >= 0)
        {
            throw new ArgumentException("A delimiter cannot contain a double quote or a line break.", nameof(delimiter));
        }

        _delimiter = delimiter;
        _quoting = quoting;
    }

    /// <summary>The number of fields of the line last split.</summary>
    public int Count { get; private set; }

    /// <summary>A field of the line last split, unquoted; valid until the next <see cref="Split"/>.</summary>
    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _chars.AsSpan(_starts[index], _lengths[index]);
        }
    }

    /// <summary>Splits a line; an empty line is one empty field.</summary>
    /// <param name="line">The line without its line break.</param>
    /// <param name="source">The file or stream name, for errors.</param>
    /// <param name="lineNumber">The 1-based line number, for errors.</param>
    /// <param name="fieldNames">Names of the expected fields, so an error can name the field; optional.</param>
    /// <returns>The number of fields.</returns>
    /// <exception cref="DataFormatException">A quoted field is not closed, or text follows its closing quote.</exception>
    public int Split(ReadOnlySpan<char> line, string source, long lineNumber, IReadOnlyList<string>? fieldNames = null)
    {
        if (_chars.Length < line.Length)
        {
            _chars = new char[Math.Max(line.Length, _chars.Length * 2)];
        }

        line.CopyTo(_chars);
        Count = 0;
        if (_quoting)
        {
            SplitQuoted(line.Length, source, lineNumber, fieldNames);
        }
        else
        {
            SplitPlain(line.Length);
        }

        return Count;
    }

    private void SplitPlain(int length)
    {
        var chars = _chars.AsSpan(0, length);
        var position = 0;
        while (true)
        {
            var at = IndexOfDelimiter(chars[position..]);
            if (at < 0)
            {
                Add(position, length - position);
                return;
            }

            Add(position, at);
            position += at + _delimiter.Length;
        }
    }

    private void SplitQuoted(int length, string source, long lineNumber, IReadOnlyList<string>? fieldNames)
    {
        var chars = _chars.AsSpan(0, length);

        // Unquoting only shrinks a field, so its clean text is written in place, behind the read position.
        var read = 0;
        while (true)
        {
            var write = read;
            var fieldStart = write;
            if (read < length && chars[read] == '"')
            {
                read++;
                while (true)
                {
                    if (read >= length)
                    {
                        throw new DataFormatException(source, lineNumber, NameOf(fieldNames, Count), "a quoted field is not closed on its line");
                    }

                    var c = chars[read];
                    if (c == '"')
                    {
                        if (read + 1 < length && chars[read + 1] == '"')
                        {
                            chars[write++] = '"';
                            read += 2;
                            continue;
                        }

                        read++;
                        break;
                    }

                    chars[write++] = c;
                    read++;
                }

                Add(fieldStart, write - fieldStart);
                if (read == length)
                {
                    return;
                }

                if (!chars[read..].StartsWith(_delimiter, StringComparison.Ordinal))
                {
                    throw new DataFormatException(source, lineNumber, NameOf(fieldNames, Count - 1), $"unexpected '{chars[read]}' after a closing quote");
                }

                read += _delimiter.Length;
                continue;
            }

            var at = IndexOfDelimiter(chars[read..]);
            if (at < 0)
            {
                Add(read, length - read);
                return;
            }

            Add(read, at);
            read += at + _delimiter.Length;
        }
    }

    private int IndexOfDelimiter(ReadOnlySpan<char> text)
        => _delimiter.Length == 1 ? text.IndexOf(_delimiter[0]) : text.IndexOf(_delimiter, StringComparison.Ordinal);

    private static string NameOf(IReadOnlyList<string>? fieldNames, int index)
        => fieldNames is not null && index < fieldNames.Count ? fieldNames[index] : FieldNames.Positional(index);

    private void Add(int start, int length)
    {
        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
        }

        _starts[Count] = start;
        _lengths[Count] = length;
        Count++;
    }
}
