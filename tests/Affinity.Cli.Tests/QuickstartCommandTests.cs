namespace Affinity.Cli.Tests;

public sealed class QuickstartCommandTests
{
    [Fact]
    public async Task Runs_end_to_end_on_the_generated_demo_data()
    {
        var (code, output) = await CliHarness.RunAsync("quickstart", "--data", "demo");

        Assert.Equal(0, code);
        Assert.Contains("surprise-5fold", output, StringComparison.Ordinal);
        Assert.Contains("msr-stratified", output, StringComparison.Ordinal);
        Assert.Contains("top 5 by the bias baseline", output, StringComparison.Ordinal);
    }
}
