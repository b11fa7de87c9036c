using System.Text.Json;
using Affinity.Testing;

namespace Affinity.Cli.Tests;

public sealed class TuneCommandTests
{
    [Fact]
    public async Task Three_trials_of_the_bias_baseline_on_u1_print_the_trials_and_best_options_and_test_once()
    {
        var json = Path.Combine(Path.GetTempPath(), $"affinity-tune-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output) = await CliHarness.RunAsync(
                "tune", "--data", "ml-100k", "--protocol", "ml100k-u1u5", "--model", "bias",
                "--space", "alsUserReg=float:1..50:log;alsItemReg=float:1..50:log", "--trials", "3", "--strategy", "random",
                "--evaluate", "--data-dir", TestData.Folder, "--json", json);

            Assert.True(code == 0, output);
            Assert.Contains("RMSE (validation)", output, StringComparison.Ordinal);
            Assert.Contains("u1: 16000 of its 80000 training interactions held out", output, StringComparison.Ordinal);
            Assert.Contains("Test part, measured once with the best options", output, StringComparison.Ordinal);
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var root = document.RootElement;
            Assert.Equal(3, root.GetProperty("trials").GetArrayLength());
            var best = root.GetProperty("best");
            var bestReg = best.GetProperty("options").GetProperty("alsUserReg").GetDouble();
            Assert.InRange(bestReg, 1, 50);
            Assert.Contains(JsonSerializer.Serialize(best.GetProperty("options")), output, StringComparison.Ordinal);
            // Bias baselines on u1 score RMSE about 0.94 on validation and test alike.
            Assert.InRange(best.GetProperty("value").GetDouble(), 0.90, 0.98);
            var models = root.GetProperty("test").GetProperty("models");
            Assert.Equal("bias (tuned)", models[0].GetProperty("model").GetString());
            Assert.Equal(1, models[0].GetProperty("folds").GetArrayLength());
            Assert.Equal("u1", models[0].GetProperty("folds")[0].GetProperty("split").GetString());
            Assert.InRange(models[0].GetProperty("metrics").GetProperty("RMSE").GetProperty("mean").GetDouble(), 0.90, 0.98);
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Fact]
    public async Task An_option_the_model_does_not_have_is_a_usage_error_listing_its_options_before_loading_data()
    {
        var (code, output) = await CliHarness.RunAsync(
            "tune", "--data", "no-such-dataset", "--protocol", "ml100k-u1u5", "--model", "bias", "--space", "factors=int:8..64");

        Assert.Equal(2, code);
        Assert.Contains("'factors', which is not an option of BiasBaselineOptions", output, StringComparison.Ordinal);
        Assert.Contains("alsUserReg", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--space", "alsUserReg=flot:1..5", "unknown kind 'flot'")]
    [InlineData("--strategy", "grid", "Unknown search strategy 'grid'")]
    [InlineData("--metric", "NDCG@10", "'NDCG@10' is a ranking metric")]
    public async Task Bad_arguments_are_usage_errors_that_say_what_is_wrong(string option, string value, string expected)
    {
        string[] space = option == "--space" ? [] : ["--space", "alsUserReg=float:1..5"];
        string[] args = ["tune", "--data", "ml-100k", "--protocol", "ml100k-u1u5", "--model", "bias", .. space, option, value];

        var (code, output) = await CliHarness.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }
}
