using System.Text;
using Affinity.Core.Data;
using Affinity.Core.Loading;

namespace Affinity.Core.Tests.Loading;

public sealed class LineReaderTests
{
    private static List<(long Number, string Text)> ReadAll(LineReader reader)
    {
        var lines = new List<(long, string)>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add((reader.LineNumber, line.ToString()));
        }

        return lines;
    }

    [Fact]
    public void Lf_crlf_and_a_last_line_without_a_break_are_all_lines_numbered_from_one()
    {
        using var reader = new LineReader(new StringReader("a\r\nb\n\nc\r\nlast"), "mem");
        Assert.Equal([(1L, "a"), (2L, "b"), (3L, ""), (4L, "c"), (5L, "last")], ReadAll(reader));
        Assert.False(reader.TryReadLine(out _));
    }

    [Fact]
    public void A_final_line_break_does_not_make_an_extra_empty_line()
    {
        using var reader = new LineReader(new StringReader("x\ny\n"), "mem");
        Assert.Equal([(1L, "x"), (2L, "y")], ReadAll(reader));
    }

    [Fact]
    public void Lines_longer_than_the_buffer_and_lines_across_buffer_refills_come_back_whole()
    {
        var longLine = new string('x', 200_000);
        var text = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            text.Append(i).Append("\r\n");
        }

        text.Append(longLine).Append('\n').Append("end");
        using var reader = new LineReader(new StringReader(text.ToString()), "mem");
        var lines = ReadAll(reader);
        Assert.Equal(20_002, lines.Count);
        Assert.Equal("19999", lines[19_999].Text);
        Assert.Equal(longLine, lines[20_000].Text);
        Assert.Equal((20_002L, "end"), lines[^1]);
    }

    [Fact]
    public void Latin1_files_decode_accented_letters()
    {
        using var folder = new TempFolder();
        var path = folder.Write("latin1.txt", "Café|Ärzte\n", Encoding.Latin1);
        Assert.Equal(new byte[] { 0x43, 0x61, 0x66, 0xE9 }, File.ReadAllBytes(path)[..4]);
        using var reader = LineReader.Open(path, Encoding.Latin1);
        Assert.True(reader.TryReadLine(out var line));
        Assert.Equal("Café|Ärzte", line.ToString());
    }

    [Fact]
    public void Utf8_skips_a_byte_order_mark()
    {
        using var folder = new TempFolder();
        var path = folder.Write("bom.csv", "userId,itemId\n", new UTF8Encoding(true));
        using var reader = LineReader.Open(path);
        Assert.True(reader.TryReadLine(out var line));
        Assert.Equal("userId,itemId", line.ToString());
    }

    [Fact]
    public void Latin1_bytes_read_as_utf8_are_an_error_not_replacement_characters()
    {
        using var folder = new TempFolder();
        var path = folder.Write("latin1.txt", "ok\nCaf\u00e9\n", Encoding.Latin1);
        using var reader = LineReader.Open(path);
        var e = Assert.Throws<DataFormatException>(() => ReadAll(reader));
        Assert.Equal(path, e.Source);
        Assert.Contains("latin-1", e.Message, StringComparison.Ordinal);
    }
}
