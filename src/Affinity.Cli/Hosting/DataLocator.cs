using Affinity.Core.Data;
using Affinity.Core.Loading;
using Affinity.Evaluation.Protocols;

namespace Affinity.Cli.Hosting;

/// <summary>
/// Finds a dataset by name or path: an explicit folder, then <c>--data-dir</c>, then the
/// AFFINITY_DATA environment variable, then the download cache. Known datasets are looked for
/// under their catalogue name and their archive's folder name (hetrec2011-lastfm-2k).
/// </summary>
internal sealed class DataLocator(string? dataDirectory, string? environmentFolder, string cacheFolder)
{
    /// <summary>The environment variable that points at a folder of datasets.</summary>
    public const string DataVariable = "AFFINITY_DATA";

    /// <summary>A locator for the command-line options (null means the defaults).</summary>
    public static DataLocator Create(string? dataDirectory, string? cacheFolder)
        => new(dataDirectory, Environment.GetEnvironmentVariable(DataVariable), cacheFolder ?? DatasetCatalog.DefaultCacheFolder());

    /// <summary>The download cache.</summary>
    public string CacheFolder { get; } = cacheFolder;

    /// <summary>Loads the named (or folder-given) dataset ready for a protocol.</summary>
    /// <exception cref="CliException">The dataset is not known or not present locally.</exception>
    public ProtocolInput Load(string nameOrPath)
    {
        var (name, folder) = Resolve(nameOrPath);
        if (name == "ml-1m")
        {
            var hasRatings = File.Exists(Path.Combine(folder, "ratings.dat"));
            if (!hasRatings)
            {
                var (data, folds) = MovieLens1M.LoadWithFolds(folder);
                return new ProtocolInput(data, folder, folds);
            }
        }

        return new ProtocolInput(DatasetLoaders.LoadByName(name, folder), folder);
    }

    /// <summary>Finds the dataset's name and folder without loading it.</summary>
    public (string Name, string Folder) Resolve(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (Directory.Exists(nameOrPath))
        {
            var detected = Detect(nameOrPath)
                ?? throw new CliException($"'{nameOrPath}' holds no dataset Affinity recognises (ML-100K u.data, ML-1M movies.dat, latest-small ratings.csv, Last.fm user_artists.dat).", ExitCodes.DataNotFound);
            return (detected, Path.GetFullPath(nameOrPath));
        }

        var info = DatasetCatalog.All.FirstOrDefault(d => string.Equals(d.Name, nameOrPath, StringComparison.OrdinalIgnoreCase))
            ?? throw new CliException($"Unknown dataset '{nameOrPath}'. Known: {string.Join(", ", DatasetCatalog.All.Select(d => d.Name))}; or give a folder.", ExitCodes.Usage);
        foreach (var root in Roots())
        {
            foreach (var folderName in new[] { info.Name, info.LocalFolderName }.Distinct(StringComparer.Ordinal))
            {
                var candidate = Path.Combine(root, folderName);
                if (Directory.Exists(candidate) && Detect(candidate) == info.Name)
                {
                    return (info.Name, candidate);
                }
            }
        }

        throw new CliException(
            $"Dataset '{info.Name}' is not on this machine. Run 'affinity datasets fetch {info.Name}' (downloads it), or 'affinity datasets fetch {info.Name} --from DIR' for a local copy, or set {DataVariable} to a folder that holds it.",
            ExitCodes.DataNotFound);
    }

    /// <summary>The folders searched for datasets, in order.</summary>
    public IEnumerable<string> Roots()
    {
        if (!string.IsNullOrWhiteSpace(dataDirectory))
        {
            yield return dataDirectory;
        }

        if (!string.IsNullOrWhiteSpace(environmentFolder))
        {
            yield return environmentFolder;
        }

        yield return CacheFolder;
    }

    /// <summary>Recognises a dataset folder by its files.</summary>
    public static string? Detect(string folder)
    {
        bool Has(string file) => File.Exists(Path.Combine(folder, file));
        if (Has("u.data"))
        {
            return "ml-100k";
        }

        if (Has("movies.dat") && (Has("ratings.dat") || Directory.Exists(Path.Combine(folder, "folds"))))
        {
            return "ml-1m";
        }

        if (Has("ratings.csv") && Has("movies.csv"))
        {
            return "ml-latest-small";
        }

        return Has("user_artists.dat") ? "lastfm-2k" : null;
    }
}
