using System.Runtime.InteropServices;

namespace Affinity.Core.Persistence;

/// <summary>A model file's header and named arrays, read by <see cref="ModelFile.Read"/>.</summary>
public sealed class ModelReader
{
    private readonly Dictionary<string, (SectionKind Kind, object Data)> _sections;

    private ModelReader(string source, int version, string algorithm, string optionsJson, Dictionary<string, (SectionKind, object)> sections)
    {
        Source = source;
        Version = version;
        Algorithm = algorithm;
        OptionsJson = optionsJson;
        _sections = sections;
    }

    /// <summary>The file name, for messages.</summary>
    public string Source { get; }

    /// <summary>The format version the file was written with.</summary>
    public int Version { get; }

    /// <summary>The registered model name.</summary>
    public string Algorithm { get; }

    /// <summary>The model's options as JSON.</summary>
    public string OptionsJson { get; }

    /// <summary>Whether a section exists.</summary>
    public bool Contains(string name) => _sections.ContainsKey(name);

    /// <summary>A float section.</summary>
    public float[] ReadSingles(string name) => Get<float[]>(name, SectionKind.Single);

    /// <summary>An int section.</summary>
    public int[] ReadInt32s(string name) => Get<int[]>(name, SectionKind.Int32);

    /// <summary>A double section.</summary>
    public double[] ReadDoubles(string name) => Get<double[]>(name, SectionKind.Double);

    /// <summary>A long section.</summary>
    public long[] ReadInt64s(string name) => Get<long[]>(name, SectionKind.Int64);

    /// <summary>A string-list section.</summary>
    public string[] ReadStrings(string name) => Get<string[]>(name, SectionKind.Strings);

    /// <summary>An error for a section whose content does not fit the model.</summary>
    public InvalidDataException Invalid(string name, string reason) => new($"{Source}: section '{name}': {reason}");

    internal static ModelReader ReadSections(BinaryReader reader, string source, int version, string algorithm, string options)
    {
        var count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"{source}: the section count {count} is negative.");
        }

        var sections = new Dictionary<string, (SectionKind, object)>(StringComparer.Ordinal);
        for (var s = 0; s < count; s++)
        {
            var name = reader.ReadString();
            var kind = (SectionKind)reader.ReadByte();
            var length = reader.ReadInt32();
            if (length < 0)
            {
                throw new InvalidDataException($"{source}: section '{name}' has the negative length {length}.");
            }

            object data = kind switch
            {
                SectionKind.Single => ReadArray<float>(reader, length, source, name),
                SectionKind.Int32 => ReadArray<int>(reader, length, source, name),
                SectionKind.Double => ReadArray<double>(reader, length, source, name),
                SectionKind.Int64 => ReadArray<long>(reader, length, source, name),
                SectionKind.Strings => Enumerable.Range(0, length).Select(_ => reader.ReadString()).ToArray(),
                _ => throw new InvalidDataException($"{source}: section '{name}' has the unknown type code {(byte)kind}."),
            };
            if (!sections.TryAdd(name, (kind, data)))
            {
                throw new InvalidDataException($"{source}: section '{name}' appears twice.");
            }
        }

        return new ModelReader(source, version, algorithm, options, sections);
    }

    private static T[] ReadArray<T>(BinaryReader reader, int length, string source, string name)
        where T : unmanaged
    {
        var values = new T[length];
        try
        {
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{source}: section '{name}' is truncated.", e);
        }

        return values;
    }

    private T Get<T>(string name, SectionKind kind)
    {
        if (!_sections.TryGetValue(name, out var section))
        {
            throw new InvalidDataException($"{Source}: the model file lacks the section '{name}' ({Algorithm}).");
        }

        return section.Kind == kind
            ? (T)section.Data
            : throw new InvalidDataException($"{Source}: section '{name}' holds {section.Kind}, expected {kind}.");
    }
}
