namespace Affinity.Core.Loading;

/// <summary>
/// The pinned identity of one file of a dataset folder: its SHA-256 and, where only Git's id of
/// the file is published, its Git blob id (the SHA-1 of <c>"blob {size}\0"</c> followed by the
/// bytes, what <c>git hash-object</c> prints). Immutable.
/// </summary>
/// <param name="RelativePath">The path inside the dataset folder, with '/' separators.</param>
/// <param name="Sha256">The lowercase hex SHA-256 of the file, or null when only the Git blob id is known.</param>
/// <param name="GitBlobSha1">The lowercase hex Git blob id, or null.</param>
/// <param name="Required">Whether the loader cannot work without the file.</param>
public sealed record FileChecksum(string RelativePath, string? Sha256, string? GitBlobSha1 = null, bool Required = false);
