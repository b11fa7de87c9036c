using Affinity.Cli.Hosting;
using Affinity.Testing;

namespace Affinity.Cli.Tests;

public sealed class DataLocatorTests
{
    [Fact]
    public void Missing_dataset_says_how_to_fetch_it()
    {
        var empty = Directory.CreateTempSubdirectory("affinity-empty-").FullName;
        try
        {
            var locator = new DataLocator(empty, environmentFolder: null, cacheFolder: empty);

            var error = Assert.Throws<CliException>(() => locator.Resolve("ml-1m"));

            Assert.Equal(ExitCodes.DataNotFound, error.ExitCode);
            Assert.Contains("affinity datasets fetch ml-1m", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Theory]
    [InlineData("ml-100k", "ml-100k")]
    [InlineData("ml-1m", "ml-1m")]
    [InlineData("ml-latest-small", "ml-latest-small")]
    [InlineData("lastfm-2k", "hetrec2011-lastfm-2k")]
    public void Finds_each_shared_dataset_by_name_through_the_environment_folder(string name, string folder)
    {
        var locator = new DataLocator(null, TestData.Folder, Path.GetTempPath());

        var (resolved, path) = locator.Resolve(name);

        Assert.Equal(name, resolved);
        Assert.Equal(Path.Combine(TestData.Folder, folder), path);
    }

    [Fact]
    public void Unknown_name_is_a_usage_error()
    {
        var locator = new DataLocator(null, null, Path.GetTempPath());

        Assert.Equal(ExitCodes.Usage, Assert.Throws<CliException>(() => locator.Resolve("netflix-prize")).ExitCode);
    }
}
