namespace Affinity.Testing;

/// <summary>
/// Where the real datasets live: the folder named by the AFFINITY_DATA environment variable, or
/// <c>../shared/data</c> beside the repository. The licences forbid committing them, so tests read
/// them from there.
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The data folder.</summary>
    public static string Folder => Root.Value;

    /// <summary>The path of a dataset folder or file under the data folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The data folder or the requested path is missing.</exception>
    public static string PathOf(params string[] parts)
    {
        var path = Path.Combine([Folder, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"Test data '{path}' is missing. Set AFFINITY_DATA to the folder that holds ml-100k, ml-1m, ml-latest-small and hetrec2011-lastfm-2k.");
        }

        return path;
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AFFINITY_DATA");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Affinity.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            }
        }

        throw new DirectoryNotFoundException("Cannot find the repository root (Affinity.sln) to locate ../shared/data; set AFFINITY_DATA.");
    }
}
