using System.Text;

namespace Affinity.Core.Persistence;

/// <summary>
/// The versioned model file: the magic bytes <c>AFFM\r\n\x1a\n</c>, a format version, the
/// algorithm name, the options as JSON, then named sections of arrays, all little-endian.
/// An older version loads; a newer one, or anything else, fails with a message that says why.
/// </summary>
public static class ModelFile
{
    /// <summary>The format version this build writes.</summary>
    public const int CurrentVersion = 1;

    // Like PNG's signature: the CR LF and SUB bytes reveal a file mangled by text-mode transfers.
    private static readonly byte[] Magic = "AFFM\r\n\u001a\n"u8.ToArray();

    /// <summary>Writes a model file.</summary>
    public static void Write(Stream stream, string algorithm, string optionsJson, Action<ModelWriter> writeState)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(algorithm);
        ArgumentNullException.ThrowIfNull(optionsJson);
        ArgumentNullException.ThrowIfNull(writeState);
        var state = new ModelWriter();
        writeState(state);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(CurrentVersion);
        writer.Write(algorithm);
        writer.Write(optionsJson);
        state.WriteSections(writer);
    }

    /// <summary>Reads a model file's header and sections.</summary>
    /// <param name="stream">The file content.</param>
    /// <param name="source">The file name, for error messages.</param>
    /// <exception cref="InvalidDataException">Not a model file, a newer format, or truncated.</exception>
    public static ModelReader Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            var magic = reader.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException($"{source} is not an Affinity model file.");
            }

            var version = reader.ReadInt32();
            if (version < 1 || version > CurrentVersion)
            {
                throw new InvalidDataException($"{source} has model format version {version}; this build reads versions 1 to {CurrentVersion}. Use a newer Affinity.");
            }

            var algorithm = reader.ReadString();
            var options = reader.ReadString();
            return ModelReader.ReadSections(reader, source, version, algorithm, options);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{source} is truncated.", e);
        }
    }
}
