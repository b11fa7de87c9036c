using Affinity.Testing;

namespace Affinity.Cli.Tests;

public sealed class DatasetsCommandTests
{
    [Fact]
    public async Task Fetch_from_a_local_copy_verifies_it_into_the_cache_and_list_then_finds_it()
    {
        var cache = Directory.CreateTempSubdirectory("affinity-cache-").FullName;
        try
        {
            var (code, output) = await CliHarness.RunAsync("datasets", "fetch", "ml-100k", "--from", TestData.PathOf("ml-100k"), "--cache", cache);

            Assert.Equal(0, code);
            Assert.Contains("ml-100k is ready", output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(cache, "ml-100k", "u.data")));
            var (listCode, listing) = await CliHarness.RunAsync("datasets", "list", "--cache", cache, "--data-dir", cache);
            Assert.Equal(0, listCode);
            Assert.Contains(Path.Combine(cache, "ml-100k"), listing, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task Import_of_a_malformed_file_names_the_line_and_field_and_exits_with_the_bad_data_code()
    {
        var file = Path.Combine(Path.GetTempPath(), $"affinity-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "user,item,qty\nA,x,1\nB,y,abc\n");
        try
        {
            var (code, output) = await CliHarness.RunAsync("datasets", "import", file, "--user", "user", "--item", "item", "--value", "qty");

            Assert.Equal(4, code);
            Assert.Contains(":3: field 'qty'", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Import_of_a_good_file_summarises_it()
    {
        var file = Path.Combine(Path.GetTempPath(), $"affinity-{Guid.NewGuid():N}.tsv");
        await File.WriteAllTextAsync(file, "A\tx\t3\nA\ty\t1\nB\ty\t2\n");
        try
        {
            var (code, output) = await CliHarness.RunAsync("datasets", "import", file, "--user", "0", "--item", "1", "--value", "2", "--no-header", "--implicit");

            Assert.Equal(0, code);
            Assert.Matches(@"interactions\s*│\s*3", output);
            Assert.Contains("Implicit", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Import_applies_event_weights_then_sums_repeated_pairs()
    {
        var file = Path.Combine(Path.GetTempPath(), $"affinity-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "user,item,event\nA,x,view\nA,x,purchase\nB,y,click\nB,x,view\n");
        try
        {
            var (code, output) = await CliHarness.RunAsync("datasets", "import", file, "--user", "user", "--item", "item", "--event", "event", "--event-weights", "default", "--dedupe", "Sum", "--implicit");

            // A-x: view 1 + purchase 8 = 9; B-y: click 2; B-x: view 1. Three pairs, values 1 .. 9.
            Assert.Equal(0, code);
            Assert.Matches(@"interactions\s*│\s*3\s", output);
            Assert.Contains("1 .. 9", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
