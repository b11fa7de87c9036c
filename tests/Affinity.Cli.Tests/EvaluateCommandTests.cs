using System.Text.Json;
using Affinity.Testing;

namespace Affinity.Cli.Tests;

public sealed class EvaluateCommandTests
{
    [Fact]
    public async Task Bias_baseline_on_ml100k_folds_prints_rmse_and_writes_json()
    {
        var json = Path.Combine(Path.GetTempPath(), $"affinity-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output) = await CliHarness.RunAsync(
                "evaluate", "--data", "ml-100k", "--protocol", "ml100k-u1u5", "--models", "bias", "--data-dir", TestData.Folder, "--json", json);

            Assert.Equal(0, code);
            Assert.Contains("RMSE", output, StringComparison.Ordinal);
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var rmse = document.RootElement.GetProperty("models")[0].GetProperty("metrics").GetProperty("RMSE").GetProperty("mean").GetDouble();
            Assert.InRange(rmse, 0.90, 0.945);
            Assert.Equal(5, document.RootElement.GetProperty("models")[0].GetProperty("folds").GetArrayLength());
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Fact]
    public async Task Unknown_protocol_is_a_usage_error_that_lists_the_known_ones()
    {
        var (code, output) = await CliHarness.RunAsync("evaluate", "--data", "ml-100k", "--protocol", "nope", "--models", "bias", "--data-dir", TestData.Folder);

        Assert.Equal(2, code);
        Assert.Contains("ml100k-u1u5", output, StringComparison.Ordinal);
    }
}
