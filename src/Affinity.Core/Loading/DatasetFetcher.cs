using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Affinity.Core.Loading;

/// <summary>
/// Puts catalogue datasets into a local cache folder, one subfolder per dataset name: either by
/// downloading the official archive (<see cref="FetchAsync(string, IProgress{ValueTuple{long, long?}}?, CancellationToken)"/>)
/// or by copying a local copy (<see cref="ImportFrom"/>). Either way the data is verified before it
/// appears in the cache, and it appears atomically: the work happens in a hidden temporary folder
/// beside the target, which is renamed into place only when complete, so a failed, cancelled or
/// corrupt download leaves nothing half-written.
/// </summary>
/// <remarks>
/// A dataset folder in the cache holds a marker file (<see cref="MarkerFileName"/>) written after
/// verification; a folder without it is treated as absent and replaced. Verification of a
/// download checks the SHA-256 of the whole archive (<see cref="DatasetInfo.ArchiveSha256"/>);
/// an import checks the pinned checksum of every file in <see cref="DatasetInfo.Files"/> that the copy has.
/// </remarks>
public sealed class DatasetFetcher
{
    /// <summary>The file that marks a cache folder as complete and verified.</summary>
    public const string MarkerFileName = ".affinity-dataset.json";

    private const int BufferSize = 1 << 16;
    private readonly HttpClient _http;

    /// <summary>Creates a fetcher that downloads with <paramref name="http"/> into <paramref name="cacheFolder"/>.</summary>
    /// <param name="http">The client; the caller owns it (and sets its timeout and proxy).</param>
    /// <param name="cacheFolder">The cache; created when needed. <see cref="DatasetCatalog.DefaultCacheFolder()"/> is the usual choice.</param>
    public DatasetFetcher(HttpClient http, string cacheFolder)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheFolder);
        _http = http;
        CacheFolder = Path.GetFullPath(cacheFolder);
    }

    /// <summary>The cache folder.</summary>
    public string CacheFolder { get; }

    /// <summary>The folder a dataset has, or will have, in the cache.</summary>
    public string FolderOf(string name) => Path.Combine(CacheFolder, DatasetCatalog.Get(name).Name);

    /// <summary>Whether the dataset is in the cache, complete and verified.</summary>
    public bool IsCached(string name) => File.Exists(Path.Combine(FolderOf(name), MarkerFileName));

    /// <summary>Downloads, verifies and extracts a catalogue dataset, unless the cache has it already.</summary>
    /// <param name="name">The catalogue name, such as "ml-100k".</param>
    /// <param name="progress">Receives bytes downloaded and the total when the server states it.</param>
    /// <param name="cancellationToken">Stops the download; nothing is left behind.</param>
    /// <returns>The dataset folder in the cache.</returns>
    /// <exception cref="ArgumentException">The name is not in the catalogue.</exception>
    /// <exception cref="HttpRequestException">The download failed.</exception>
    /// <exception cref="InvalidDataException">The archive's SHA-256 differs from the pinned one (the message names both) or it lacks the dataset folder.</exception>
    public Task<string> FetchAsync(string name, IProgress<(long Done, long? Total)>? progress = null, CancellationToken cancellationToken = default)
        => FetchAsync(DatasetCatalog.Get(name), progress, cancellationToken);

    /// <summary>Downloads, verifies and extracts a dataset described by <paramref name="dataset"/>, unless the cache has it already.</summary>
    /// <inheritdoc cref="FetchAsync(string, IProgress{ValueTuple{long, long?}}?, CancellationToken)"/>
    public async Task<string> FetchAsync(DatasetInfo dataset, IProgress<(long Done, long? Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Name is "" or "." or ".." || dataset.Name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"'{dataset.Name}' cannot name a folder in the cache.", nameof(dataset));
        }

        var target = Path.Combine(CacheFolder, dataset.Name);
        if (File.Exists(Path.Combine(target, MarkerFileName)))
        {
            return target;
        }

        Directory.CreateDirectory(CacheFolder);
        var stamp = Guid.NewGuid().ToString("N");
        var archive = Path.Combine(CacheFolder, $".download-{dataset.Name}-{stamp}.zip");
        var staging = Path.Combine(CacheFolder, $".extract-{dataset.Name}-{stamp}");
        try
        {
            var actual = await DownloadAsync(dataset.ArchiveUrl, archive, progress, cancellationToken).ConfigureAwait(false);
            Checksums.Compare($"{dataset.ArchiveUrl}", "SHA-256", dataset.ArchiveSha256, actual);
            cancellationToken.ThrowIfCancellationRequested();
            ZipFile.ExtractToDirectory(archive, staging);
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(staging, dataset.ArchiveFolder)));
            var inside = root == staging || root.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            if (!inside || !Directory.Exists(root))
            {
                throw new InvalidDataException($"The archive {dataset.ArchiveUrl} has no folder '{dataset.ArchiveFolder}'.");
            }

            WriteMarker(root, dataset, "download", []);
            Publish(root, target);
            return target;
        }
        finally
        {
            File.Delete(archive);
            DeleteFolder(staging);
        }
    }

    /// <summary>
    /// Copies a local copy of a catalogue dataset into the cache, after checking every file it has
    /// against <see cref="DatasetInfo.Files"/>. Replaces what the cache held for that name.
    /// </summary>
    /// <param name="name">The catalogue name.</param>
    /// <param name="sourceFolder">The folder holding the dataset's files.</param>
    /// <returns>The dataset folder in the cache.</returns>
    /// <exception cref="ArgumentException">The name is not in the catalogue.</exception>
    /// <exception cref="DirectoryNotFoundException">The source folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file that the loader needs is missing.</exception>
    /// <exception cref="InvalidDataException">A file's checksum differs from the pinned one (the message names the file and both values).</exception>
    public string ImportFrom(string name, string sourceFolder)
    {
        var dataset = DatasetCatalog.Get(name);
        ArgumentException.ThrowIfNullOrEmpty(sourceFolder);
        var source = Path.GetFullPath(sourceFolder);
        LoaderFiles.RequireFolder(source);
        var missing = dataset.Files.Where(f => f.Required && !File.Exists(Path.Combine(source, f.RelativePath))).Select(f => f.RelativePath).ToArray();
        if (missing.Length > 0)
        {
            throw new FileNotFoundException($"'{source}' is not a complete {dataset.Name} folder: it lacks {string.Join(", ", missing)}.", Path.Combine(source, missing[0]));
        }

        Directory.CreateDirectory(CacheFolder);
        var staging = Path.Combine(CacheFolder, $".import-{dataset.Name}-{Guid.NewGuid():N}");
        try
        {
            CopyFolder(source, staging);

            // Verify the copies, not the originals, so what lands in the cache is what was checked.
            var verified = new List<string>();
            foreach (var file in dataset.Files)
            {
                var copy = Path.Combine(staging, file.RelativePath);
                if (File.Exists(copy))
                {
                    Checksums.Verify(file, copy);
                    verified.Add(file.RelativePath);
                }
            }

            WriteMarker(staging, dataset, "import", verified);
            var target = Path.Combine(CacheFolder, dataset.Name);
            Publish(staging, target);
            return target;
        }
        finally
        {
            DeleteFolder(staging);
        }
    }

    private async Task<string> DownloadAsync(Uri url, string path, IProgress<(long Done, long? Total)>? progress, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var total = response.Content.Headers.ContentLength;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var input = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (input.ConfigureAwait(false))
        {
            var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            await using (output.ConfigureAwait(false))
            {
                var buffer = new byte[BufferSize];
                long done = 0;
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    done += read;
                    progress?.Report((done, total));
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Renames a finished folder into place; an older folder of the same name is swapped out first.</summary>
    private static void Publish(string finished, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(finished, target);
            return;
        }

        var old = $"{target}.old-{Guid.NewGuid():N}";
        Directory.Move(target, old);
        try
        {
            Directory.Move(finished, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }

        DeleteFolder(old);
    }

    private static void WriteMarker(string folder, DatasetInfo dataset, string origin, IReadOnlyList<string> verifiedFiles)
    {
        using var stream = File.Create(Path.Combine(folder, MarkerFileName));
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("name", dataset.Name);
        json.WriteString("origin", origin);
        json.WriteString("verifiedAt", DateTimeOffset.UtcNow);
        if (origin == "download")
        {
            json.WriteString("archiveUrl", dataset.ArchiveUrl.ToString());
            json.WriteString("archiveSha256", dataset.ArchiveSha256);
        }

        json.WriteStartArray("verifiedFiles");
        foreach (var file in verifiedFiles)
        {
            json.WriteStringValue(file);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative == MarkerFileName)
            {
                continue;
            }

            var copy = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
