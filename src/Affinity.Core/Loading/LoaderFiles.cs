namespace Affinity.Core.Loading;

/// <summary>Checks that loaders share about the files they are given.</summary>
internal static class LoaderFiles
{
    public static void RequireFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The dataset folder '{folder}' does not exist.");
        }
    }
}
