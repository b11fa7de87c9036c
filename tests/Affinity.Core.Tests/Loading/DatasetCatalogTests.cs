using Affinity.Core.Loading;
using Affinity.Testing;

namespace Affinity.Core.Tests.Loading;

public sealed class DatasetCatalogTests
{
    [Fact]
    public void The_catalogue_lists_the_four_datasets_with_official_grouplens_archives()
    {
        Assert.Equal(["ml-100k", "ml-1m", "ml-latest-small", "lastfm-2k"], DatasetCatalog.All.Select(d => d.Name));
        Assert.Equal("https://files.grouplens.org/datasets/movielens/ml-100k.zip", DatasetCatalog.Get("ml-100k").ArchiveUrl.ToString());
        Assert.Equal("https://files.grouplens.org/datasets/movielens/ml-1m.zip", DatasetCatalog.Get("ml-1m").ArchiveUrl.ToString());
        Assert.Equal("https://files.grouplens.org/datasets/movielens/ml-latest-small.zip", DatasetCatalog.Get("ml-latest-small").ArchiveUrl.ToString());
        Assert.Equal("https://files.grouplens.org/datasets/hetrec2011/hetrec2011-lastfm-2k.zip", DatasetCatalog.Get("lastfm-2k").ArchiveUrl.ToString());
    }

    [Fact]
    public void Every_checksum_is_lowercase_hex_of_the_right_length()
    {
        foreach (var dataset in DatasetCatalog.All)
        {
            Assert.Matches("^[0-9a-f]{64}$", dataset.ArchiveSha256);
            Assert.Contains(dataset.Files, f => f.Required);
            foreach (var file in dataset.Files)
            {
                Assert.True(file.Sha256 is not null || file.GitBlobSha1 is not null, file.RelativePath);
                Assert.Matches("^([0-9a-f]{64})?$", file.Sha256 ?? string.Empty);
                Assert.Matches("^([0-9a-f]{40})?$", file.GitBlobSha1 ?? string.Empty);
            }
        }
    }

    [Fact]
    public void Lookup_ignores_case_and_an_unknown_name_lists_the_known_ones()
    {
        Assert.Same(DatasetCatalog.Get("ml-100k"), DatasetCatalog.Get("ML-100K"));
        var e = Assert.Throws<ArgumentException>(() => DatasetCatalog.Get("netflix"));
        Assert.Contains("ml-100k, ml-1m, ml-latest-small, lastfm-2k", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_cache_is_under_affinity_home_or_the_user_profile()
    {
        Assert.Equal(Path.Combine("/home/ann", ".affinity", "datasets"), DatasetCatalog.DefaultCacheFolder(null, "/home/ann"));
        Assert.Equal(Path.Combine("/home/ann", ".affinity", "datasets"), DatasetCatalog.DefaultCacheFolder(" ", "/home/ann"));
        Assert.Equal(Path.Combine("/srv/affinity", "datasets"), DatasetCatalog.DefaultCacheFolder("/srv/affinity", "/home/ann"));
        Assert.EndsWith("datasets", DatasetCatalog.DefaultCacheFolder(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_by_name_picks_the_loader_of_the_dataset()
    {
        var data = DatasetLoaders.LoadByName("ml-latest-small", TestData.PathOf("ml-latest-small"));
        Assert.Equal(("ml-latest-small", 100_836), (data.Name, data.Count));
        Assert.Throws<ArgumentException>(() => DatasetLoaders.LoadByName("netflix", TestData.PathOf("ml-100k")));
    }
}
