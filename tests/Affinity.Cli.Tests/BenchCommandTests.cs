namespace Affinity.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public async Task Times_a_small_synthetic_run_and_prints_the_measures()
    {
        var (code, output) = await CliHarness.RunAsync("bench", "--model", "popularity", "--shape", "ml-100k", "--users", "60", "--items", "50", "--interactions", "900", "--recommend-users", "20");

        Assert.Equal(0, code);
        Assert.Contains("popularity on synthetic 60x50x900 (seed 42)", output, StringComparison.Ordinal);
        Assert.Contains("fit s", output, StringComparison.Ordinal);
        Assert.Contains("fit allocated MB", output, StringComparison.Ordinal);
        Assert.Contains("peak working set after fit MB", output, StringComparison.Ordinal);
        Assert.Contains("top-10 for 20 users s", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bias", "ml-10m")]
    [InlineData("bias", "943x1682x1000000")] // 1,060 per user, above half the catalogue (841)
    [InlineData("no-such-model", "ml-100k")]
    public async Task Bad_sizes_and_models_are_usage_errors(string model, string shape)
    {
        var (code, _) = await CliHarness.RunAsync("bench", "--model", model, "--shape", shape);

        Assert.Equal(2, code);
    }
}
