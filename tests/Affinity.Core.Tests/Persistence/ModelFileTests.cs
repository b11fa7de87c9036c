using Affinity.Core.Persistence;

namespace Affinity.Core.Tests.Persistence;

public sealed class ModelFileTests
{
    private static MemoryStream Written(Action<ModelWriter> state, string algorithm = "demo", string options = "{\"k\":3}")
    {
        var stream = new MemoryStream();
        ModelFile.Write(stream, algorithm, options, state);
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void Sections_round_trip_with_their_types()
    {
        using var stream = Written(w =>
        {
            w.Write("floats", [1.5f, -2f]);
            w.Write("ints", [7, 8, 9]);
            w.Write("doubles", [Math.PI]);
            w.Write("longs", [long.MaxValue]);
            w.Write("ids", ["a", "é", string.Empty]);
        });

        var reader = ModelFile.Read(stream, "m.model");

        Assert.Equal(("demo", "{\"k\":3}", ModelFile.CurrentVersion), (reader.Algorithm, reader.OptionsJson, reader.Version));
        Assert.Equal([1.5f, -2f], reader.ReadSingles("floats"));
        Assert.Equal([7, 8, 9], reader.ReadInt32s("ints"));
        Assert.Equal([Math.PI], reader.ReadDoubles("doubles"));
        Assert.Equal([long.MaxValue], reader.ReadInt64s("longs"));
        Assert.Equal(["a", "é", string.Empty], reader.ReadStrings("ids"));
    }

    [Fact]
    public void The_layout_is_pinned_byte_for_byte()
    {
        // Magic "AFFM\r\n\x1a\n", version 1 (int32 LE), "a" and "{}" (7-bit length-prefixed UTF-8),
        // one section: "x", kind 2 (int32), length 1, value 5.
        using var stream = Written(w => w.Write("x", [5]), "a", "{}");

        Assert.Equal(
            "41-46-46-4D-0D-0A-1A-0A-01-00-00-00-01-61-02-7B-7D-01-00-00-00-01-78-02-01-00-00-00-05-00-00-00",
            BitConverter.ToString(stream.ToArray()));
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused_with_its_name()
    {
        using var stream = new MemoryStream("user,item\n"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Read(stream, "ratings.csv"));

        Assert.Contains("ratings.csv is not an Affinity model file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_format_version_asks_for_a_newer_affinity()
    {
        using var stream = Written(_ => { });
        var bytes = stream.ToArray();
        bytes[8] = 99;

        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Read(new MemoryStream(bytes), "new.model"));

        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_says_so()
    {
        using var stream = Written(w => w.Write("floats", new float[100]));
        var bytes = stream.ToArray()[..^10];

        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Read(new MemoryStream(bytes), "cut.model"));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_mistyped_section_is_named()
    {
        using var stream = Written(w => w.Write("ints", [1]));
        var reader = ModelFile.Read(stream, "m.model");

        Assert.Contains("lacks the section 'floats'", Assert.Throws<InvalidDataException>(() => reader.ReadSingles("floats")).Message, StringComparison.Ordinal);
        Assert.Contains("section 'ints'", Assert.Throws<InvalidDataException>(() => reader.ReadSingles("ints")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_a_section_twice_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => Written(w =>
        {
            w.Write("x", [1]);
            w.Write("x", [2]);
        }));
    }
}
