using System.Runtime.InteropServices;

namespace Affinity.Core.Persistence;

/// <summary>Collects a model's named arrays for <see cref="ModelFile.Write"/>.</summary>
public sealed class ModelWriter
{
    private readonly List<(string Name, SectionKind Kind, object Data)> _sections = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    internal ModelWriter()
    {
    }

    /// <summary>Adds an array of floats.</summary>
    public void Write(string name, ReadOnlySpan<float> values) => Add(name, SectionKind.Single, values.ToArray());

    /// <summary>Adds an array of ints.</summary>
    public void Write(string name, ReadOnlySpan<int> values) => Add(name, SectionKind.Int32, values.ToArray());

    /// <summary>Adds an array of doubles.</summary>
    public void Write(string name, ReadOnlySpan<double> values) => Add(name, SectionKind.Double, values.ToArray());

    /// <summary>Adds an array of longs.</summary>
    public void Write(string name, ReadOnlySpan<long> values) => Add(name, SectionKind.Int64, values.ToArray());

    /// <summary>Adds a list of strings (external ids, names).</summary>
    public void Write(string name, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Add(name, SectionKind.Strings, values.ToArray());
    }

    internal void WriteSections(BinaryWriter writer)
    {
        writer.Write(_sections.Count);
        foreach (var (name, kind, data) in _sections)
        {
            writer.Write(name);
            writer.Write((byte)kind);
            switch (data)
            {
                case string[] strings:
                    writer.Write(strings.Length);
                    foreach (var s in strings)
                    {
                        writer.Write(s);
                    }

                    break;
                case float[] a:
                    WriteArray<float>(writer, a);
                    break;
                case int[] a:
                    WriteArray<int>(writer, a);
                    break;
                case double[] a:
                    WriteArray<double>(writer, a);
                    break;
                case long[] a:
                    WriteArray<long>(writer, a);
                    break;
                default:
                    throw new InvalidOperationException($"Section '{name}' holds an unsupported type.");
            }
        }
    }

    private static void WriteArray<T>(BinaryWriter writer, T[] values)
        where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Model files are little-endian; this machine is not.");
        }

        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private void Add(string name, SectionKind kind, object data)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_names.Add(name))
        {
            throw new ArgumentException($"The section '{name}' is written twice.", nameof(name));
        }

        _sections.Add((name, kind, data));
    }
}
