namespace Affinity.Core.Loading;

/// <summary>
/// A public dataset that Affinity can fetch and load: where its official archive lives, the
/// SHA-256 that the downloaded archive must have, and the checksums of the files a local copy must
/// match. Immutable; <see cref="DatasetCatalog"/> holds the known ones.
/// </summary>
/// <param name="Name">The catalogue name ("ml-100k"); also the folder name in the cache.</param>
/// <param name="Description">One sentence on what the dataset holds.</param>
/// <param name="ArchiveUrl">The official download.</param>
/// <param name="ArchiveSha256">The lowercase hex SHA-256 of the archive; a download that differs is refused.</param>
/// <param name="ArchiveFolder">The folder inside the archive that holds the files; empty when they lie at its root.</param>
/// <param name="LocalFolderName">The folder name a copy of the dataset usually has on disk (the archive's own name).</param>
/// <param name="Files">Checksums of files of the dataset folder, for verifying a local copy.</param>
/// <param name="License">The terms of use, in short; read the dataset's own README before using it.</param>
/// <param name="Citation">The publication that the terms ask users to cite.</param>
public sealed record DatasetInfo(
    string Name,
    string Description,
    Uri ArchiveUrl,
    string ArchiveSha256,
    string ArchiveFolder,
    string LocalFolderName,
    IReadOnlyList<FileChecksum> Files,
    string License,
    string Citation);
