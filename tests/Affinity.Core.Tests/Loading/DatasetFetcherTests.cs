using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Affinity.Core.Loading;
using Affinity.Testing;

namespace Affinity.Core.Tests.Loading;

public sealed class DatasetFetcherTests : IDisposable
{
    private readonly TempFolder _cache = new();

    public void Dispose() => _cache.Dispose();

    /// <summary>Serves one fixed response and records the requests.</summary>
    private sealed class FakeHandler(HttpStatusCode status, byte[] body) : HttpMessageHandler
    {
        public List<Uri> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent(body) });
        }
    }

    private sealed class ListProgress : IProgress<(long Done, long? Total)>
    {
        public List<(long Done, long? Total)> Reports { get; } = [];

        public void Report((long Done, long? Total) value) => Reports.Add(value);
    }

    private static byte[] Zip(params (string Path, string Text)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(path).Open());
                writer.Write(text);
            }
        }

        return memory.ToArray();
    }

    private static DatasetInfo Tiny(byte[] archive, string folder = "tiny")
        => new("tiny", "A tiny test dataset.", new Uri("https://example.org/tiny.zip"), Convert.ToHexStringLower(SHA256.HashData(archive)), folder, "tiny", [], "test", "none");

    private static readonly (string, string)[] TinyFiles = [("tiny/u.data", "1\t1\t5\t881250949\n"), ("tiny/README", "tiny\n")];

    private string[] CacheEntries() => Directory.Exists(_cache.Path) ? Directory.GetFileSystemEntries(_cache.Path) : [];

    [Fact]
    public async Task A_download_with_the_pinned_checksum_is_extracted_into_the_cache()
    {
        var archive = Zip(TinyFiles);
        var handler = new FakeHandler(HttpStatusCode.OK, archive);
        using var http = new HttpClient(handler);
        var fetcher = new DatasetFetcher(http, _cache.Path);
        var progress = new ListProgress();

        var folder = await fetcher.FetchAsync(Tiny(archive, "tiny/"), progress);

        Assert.Equal(Path.Combine(_cache.Path, "tiny"), folder);
        Assert.Equal("1\t1\t5\t881250949\n", await File.ReadAllTextAsync(Path.Combine(folder, "u.data")));
        Assert.True(File.Exists(Path.Combine(folder, DatasetFetcher.MarkerFileName)));
        Assert.Equal([folder], CacheEntries());
        Assert.Equal([new Uri("https://example.org/tiny.zip")], handler.Requests);
        Assert.Equal((archive.LongLength, (long?)archive.LongLength), progress.Reports[^1]);

        // A second fetch finds the verified folder and downloads nothing.
        Assert.Equal(folder, await fetcher.FetchAsync(Tiny(archive)));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task An_archive_with_its_files_at_the_root_extracts_them_directly()
    {
        var archive = Zip(("user_artists.dat", "userID\tartistID\tweight\n"));
        using var http = new HttpClient(new FakeHandler(HttpStatusCode.OK, archive));
        var folder = await new DatasetFetcher(http, _cache.Path).FetchAsync(Tiny(archive, folder: string.Empty));
        Assert.True(File.Exists(Path.Combine(folder, "user_artists.dat")));
    }

    [Fact]
    public async Task A_checksum_mismatch_names_both_hashes_and_leaves_nothing_in_the_cache()
    {
        var archive = Zip(TinyFiles);
        using var http = new HttpClient(new FakeHandler(HttpStatusCode.OK, archive));
        var fetcher = new DatasetFetcher(http, _cache.Path);

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => fetcher.FetchAsync("ml-100k"));

        Assert.Contains("expected 50d2a982c66986937beb9ffb3aa76efe955bf3d5c6b761f4e3a7cd717c6a3229", e.Message, StringComparison.Ordinal);
        Assert.Contains($"actual {Convert.ToHexStringLower(SHA256.HashData(archive))}", e.Message, StringComparison.Ordinal);
        Assert.Empty(CacheEntries());
        Assert.False(fetcher.IsCached("ml-100k"));
    }

    [Fact]
    public async Task An_archive_without_the_dataset_folder_leaves_nothing_in_the_cache()
    {
        var archive = Zip(("other/u.data", "x"));
        using var http = new HttpClient(new FakeHandler(HttpStatusCode.OK, archive));
        await Assert.ThrowsAsync<InvalidDataException>(() => new DatasetFetcher(http, _cache.Path).FetchAsync(Tiny(archive)));
        Assert.Empty(CacheEntries());
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../..")]
    public async Task An_archive_folder_outside_the_extraction_is_refused(string folder)
    {
        var archive = Zip(TinyFiles);
        using var http = new HttpClient(new FakeHandler(HttpStatusCode.OK, archive));
        await Assert.ThrowsAsync<InvalidDataException>(() => new DatasetFetcher(http, _cache.Path).FetchAsync(Tiny(archive, folder)));
        Assert.Empty(CacheEntries());
    }

    [Fact]
    public async Task A_dataset_name_that_is_not_a_plain_folder_name_is_refused()
    {
        var archive = Zip(TinyFiles);
        using var http = new HttpClient(new FakeHandler(HttpStatusCode.OK, archive));
        var escaping = Tiny(archive) with { Name = "../escape" };
        await Assert.ThrowsAsync<ArgumentException>(() => new DatasetFetcher(http, _cache.Path).FetchAsync(escaping));
    }

    [Fact]
    public async Task A_failed_request_leaves_nothing_in_the_cache()
    {
        using var http = new HttpClient(new FakeHandler(HttpStatusCode.NotFound, []));
        await Assert.ThrowsAsync<HttpRequestException>(() => new DatasetFetcher(http, _cache.Path).FetchAsync("ml-1m"));
        Assert.Empty(CacheEntries());
    }

    [Fact]
    public async Task A_cancelled_fetch_leaves_nothing_in_the_cache()
    {
        var archive = Zip(TinyFiles);
        using var http = new HttpClient(new FakeHandler(HttpStatusCode.OK, archive));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DatasetFetcher(http, _cache.Path).FetchAsync(Tiny(archive), null, cancelled.Token));
        Assert.Empty(CacheEntries());
    }

    [Fact]
    public async Task A_cache_folder_without_the_marker_is_replaced()
    {
        _cache.Write("tiny/stale.txt", "half-written");
        var archive = Zip(TinyFiles);
        using var http = new HttpClient(new FakeHandler(HttpStatusCode.OK, archive));
        var folder = await new DatasetFetcher(http, _cache.Path).FetchAsync(Tiny(archive));
        Assert.False(File.Exists(Path.Combine(folder, "stale.txt")));
        Assert.True(File.Exists(Path.Combine(folder, "u.data")));
        Assert.Equal([folder], CacheEntries());
    }

    [Theory]
    [InlineData("ml-100k", "ml-100k", 100_000)]
    [InlineData("ml-latest-small", "ml-latest-small", 100_836)]
    [InlineData("lastfm-2k", "hetrec2011-lastfm-2k", 92_834)]
    public void Importing_the_real_data_verifies_every_pinned_file_and_loads(string name, string localFolder, int interactions)
    {
        using var http = new HttpClient(new FakeHandler(HttpStatusCode.InternalServerError, []));
        var fetcher = new DatasetFetcher(http, _cache.Path);
        var source = TestData.PathOf(localFolder);
        var folder = fetcher.ImportFrom(name, source);

        Assert.Equal(Path.Combine(_cache.Path, name), folder);
        Assert.True(fetcher.IsCached(name));
        var marker = File.ReadAllText(Path.Combine(folder, DatasetFetcher.MarkerFileName));
        foreach (var file in DatasetCatalog.Get(name).Files)
        {
            Assert.Contains($"\"{file.RelativePath}\"", marker, StringComparison.Ordinal);
        }

        Assert.Equal(interactions, DatasetLoaders.LoadByName(name, folder).Count);
    }

    [Fact]
    public void Importing_ml_1m_verifies_the_folds_and_skips_the_absent_ratings_dat()
    {
        using var http = new HttpClient(new FakeHandler(HttpStatusCode.InternalServerError, []));
        var folder = new DatasetFetcher(http, _cache.Path).ImportFrom("ml-1m", TestData.PathOf("ml-1m"));
        var marker = File.ReadAllText(Path.Combine(folder, DatasetFetcher.MarkerFileName));
        Assert.Contains("\"folds/test_1m5.dat\"", marker, StringComparison.Ordinal);
        Assert.DoesNotContain("ratings.dat", marker, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "folds", "test_1m1.dat")));
    }

    [Fact]
    public void A_local_copy_with_a_changed_file_is_refused_and_nothing_is_imported()
    {
        using var copy = new TempFolder();
        foreach (var file in Directory.GetFiles(TestData.PathOf("ml-latest-small")))
        {
            File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        }

        File.AppendAllText(Path.Combine(copy.Path, "tags.csv"), "1,1,extra,1\r\n");
        using var http = new HttpClient(new FakeHandler(HttpStatusCode.InternalServerError, []));
        var e = Assert.Throws<InvalidDataException>(() => new DatasetFetcher(http, _cache.Path).ImportFrom("ml-latest-small", copy.Path));

        Assert.StartsWith("tags.csv: SHA-256 mismatch: expected 92a9f8bb7916dceef6151209845788c3643f794dfa79d1feaec7121b5960399d, actual ", e.Message, StringComparison.Ordinal);
        Assert.Empty(CacheEntries());
    }

    [Fact]
    public void A_local_copy_lacking_a_required_file_is_refused()
    {
        using var copy = new TempFolder();
        copy.Write("u.data", "1\t1\t5\t1\n");
        using var http = new HttpClient(new FakeHandler(HttpStatusCode.InternalServerError, []));
        var e = Assert.Throws<FileNotFoundException>(() => new DatasetFetcher(http, _cache.Path).ImportFrom("ml-100k", copy.Path));
        Assert.Contains("u.genre, u.item, u.user", e.Message, StringComparison.Ordinal);
        Assert.Empty(CacheEntries());
    }

    [Fact]
    public void A_git_blob_id_is_checked_like_git_hash_object()
    {
        using var folder = new TempFolder();
        var path = folder.Write("hello.txt", "hello\n");

        // `printf 'hello\n' | git hash-object --stdin` prints ce013625030ba8dba906f756967f9e9ca394464a.
        Checksums.Verify(new FileChecksum("hello.txt", null, "ce013625030ba8dba906f756967f9e9ca394464a"), path);
        var e = Assert.Throws<InvalidDataException>(() => Checksums.Verify(new FileChecksum("hello.txt", null, new string('0', 40)), path));
        Assert.Contains("Git blob id mismatch", e.Message, StringComparison.Ordinal);
    }
}
