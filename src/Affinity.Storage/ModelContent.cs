namespace Affinity.Storage;

/// <summary>A model file: its bytes kept in the store, or the path of a file kept beside it. Exactly one is set.</summary>
public sealed class ModelContent
{
    private readonly byte[]? _bytes;

    private ModelContent(byte[]? bytes, string? path)
    {
        _bytes = bytes;
        Path = path;
    }

    /// <summary>The bytes, when the store holds the file.</summary>
    public ReadOnlyMemory<byte>? Bytes => _bytes;

    /// <summary>The path, when the file lives outside the store.</summary>
    public string? Path { get; }

    /// <summary>The file size when the store holds it, otherwise 0.</summary>
    public long Length => _bytes?.LongLength ?? 0;

    /// <summary>Content kept in the store; the array is copied.</summary>
    public static ModelContent FromBytes(ReadOnlySpan<byte> bytes) => new(bytes.ToArray(), null);

    /// <summary>Content kept at a path.</summary>
    public static ModelContent FromPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new(null, path);
    }

    internal static ModelContent Owning(byte[] bytes) => new(bytes, null);

    internal byte[]? RawBytes => _bytes;
}
