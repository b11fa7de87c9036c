using System.Text;
using Affinity.Core.Data;

namespace Affinity.Core.Loading;

/// <summary>
/// Reads a text source line by line into a reused buffer, without allocating a string per line,
/// and counts 1-based line numbers so that every parse error can name its line. LF and CRLF both
/// end a line; a final line without a line break is still a line.
/// </summary>
/// <remarks>
/// A span returned by <see cref="TryReadLine"/> is valid only until the next call. Decoding is
/// strict for UTF-8: bytes that are not valid UTF-8 raise a <see cref="DataFormatException"/>
/// instead of turning into replacement characters, since that almost always means the file is in
/// another encoding (the MovieLens <c>u.item</c> and <c>movies.dat</c> files are latin-1).
/// </remarks>
public sealed class LineReader : IDisposable
{
    private const int InitialBufferSize = 1 << 16;

    private readonly TextReader _reader;
    private readonly bool _leaveOpen;
    private char[] _buffer = new char[InitialBufferSize];
    private int _start;
    private int _end;
    private bool _endOfInput;

    /// <summary>Reads lines from <paramref name="reader"/>, naming it <paramref name="source"/> in errors.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="source">The file path or stream name used in error messages.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves the reader open.</param>
    public LineReader(TextReader reader, string source, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        _reader = reader;
        _leaveOpen = leaveOpen;
        Source = source;
    }

    /// <summary>Strict UTF-8: invalid bytes throw instead of becoming U+FFFD; a byte-order mark is skipped.</summary>
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    /// <summary>The file path or stream name that errors report.</summary>
    public string Source { get; }

    /// <summary>The 1-based number of the line last returned; 0 before the first.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Opens a file for reading in the given encoding (<see cref="StrictUtf8"/> when null).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static LineReader Open(string path, Encoding? encoding = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var reader = new StreamReader(stream, encoding ?? StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: InitialBufferSize);
        return new LineReader(reader, path);
    }

    /// <summary>Reads the next line without its line break.</summary>
    /// <param name="line">The line; valid until the next call.</param>
    /// <returns>False at the end of the input.</returns>
    /// <exception cref="DataFormatException">The bytes are not valid in the reader's encoding.</exception>
    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        var searchFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf('\n');
            if (newline >= 0)
            {
                var stop = searchFrom + newline;
                line = TrimCarriageReturn(_buffer.AsSpan(_start, stop - _start));
                _start = stop + 1;
                LineNumber++;
                return true;
            }

            if (_endOfInput)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }

                line = TrimCarriageReturn(_buffer.AsSpan(_start, _end - _start));
                _start = _end;
                LineNumber++;
                return true;
            }

            // No line break in what is buffered: keep the partial line, read more after it.
            var searched = _end - _start;
            Fill();
            searchFrom = _start + searched;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _reader.Dispose();
        }
    }

    private ReadOnlySpan<char> TrimCarriageReturn(ReadOnlySpan<char> line)
    {
        if (line.Length > 0 && line[^1] == '\r')
        {
            line = line[..^1];
        }

        // A byte-order mark that the decoder left in (a reader of a string, say) is not data.
        return LineNumber == 0 && line.Length > 0 && line[0] == '\uFEFF' ? line[1..] : line;
    }

    private void Fill()
    {
        var pending = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }
        else if (pending == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        _start = 0;
        _end = pending;
        int read;
        try
        {
            read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (DecoderFallbackException e)
        {
            throw new DataFormatException(Source, 0, null, $"the text is not valid in its encoding somewhere after line {LineNumber} (is it latin-1 rather than UTF-8?)", e);
        }

        if (read == 0)
        {
            _endOfInput = true;
        }

        _end += read;
    }
}
