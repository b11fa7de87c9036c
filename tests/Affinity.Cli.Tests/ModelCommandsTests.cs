using System.Text.RegularExpressions;
using Affinity.Core.Demo;
using Affinity.Core.Recommending;
using Affinity.Models;
using Affinity.Models.Baselines;
using Affinity.Testing;

namespace Affinity.Cli.Tests;

public sealed partial class ModelCommandsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"affinity-{Guid.NewGuid():N}");

    public ModelCommandsTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Popularity_trained_on_ml100k_recommends_titles_and_leaves_out_seen_items()
    {
        var file = Path.Combine(_folder, "pop.affm");
        var (trainCode, trainOutput) = await CliHarness.RunAsync("train", "--data", "ml-100k", "--model", "popularity", "--output", file, "--data-dir", TestData.Folder);
        Assert.Equal(0, trainCode);
        Assert.Contains("943 users, 1,682 items, 100,000 interactions", trainOutput, StringComparison.Ordinal);
        Assert.True(new FileInfo(file).Length > 0);

        // Star Wars (item 50, 583 ratings) is the most rated film; user 196 has not rated it, user 1 has.
        var (code196, output196) = await CliHarness.RunAsync("recommend", "--model", file, "--user", "196", "--count", "3", "--data", "ml-100k", "--data-dir", TestData.Folder);
        var (code1, output1) = await CliHarness.RunAsync("recommend", "--model", file, "--user", "1", "--count", "3", "--data", "ml-100k", "--data-dir", TestData.Folder);

        Assert.Equal(0, code196);
        Assert.Equal("50", Rows(output196)[0]);
        Assert.Equal(3, Rows(output196).Count);
        Assert.Contains("Star Wars (1977)", output196, StringComparison.Ordinal);
        Assert.DoesNotContain("fallback", output196, StringComparison.Ordinal);
        Assert.Equal(0, code1);
        Assert.DoesNotContain("50", Rows(output1));
        Assert.DoesNotContain("Star Wars (1977)", output1, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bias_round_trip_on_demo_data_matches_the_model_fitted_in_process_and_keeps_its_options()
    {
        var file = Path.Combine(_folder, "bias.affm");
        var (trainCode, _) = await CliHarness.RunAsync("train", "--data", "demo", "--model", "bias", "--options", "{\"alsEpochs\":3}", "--output", file);
        var (code, output) = await CliHarness.RunAsync("recommend", "--model", file, "--user", "7", "--count", "4");

        var data = DemoDataset.Generate();
        var expected = ModelCatalog.Default.Create("bias", "{\"alsEpochs\":3}");
        expected.Fit(data, FitContext.Default);
        var top = expected.Recommend(new RecommendRequest(data.Users.IndexOf("7"), 4)).Items.Select(s => data.Items[s.Item]);
        Assert.Equal(0, trainCode);
        Assert.Equal(0, code);
        Assert.Equal(top, Rows(output));
        await using var stream = File.OpenRead(file);
        var loaded = Assert.IsType<BiasBaseline>(ModelCatalog.Default.Load(stream, file));
        Assert.Equal(3, loaded.Options.AlsEpochs);
    }

    [Fact]
    public async Task An_unknown_user_gets_the_fallback_list_flagged()
    {
        var file = await TrainDemo("popularity");

        var (code, output) = await CliHarness.RunAsync("recommend", "--model", file, "--user", "no-such-user", "--count", "2");

        Assert.Equal(0, code);
        Assert.Contains("fallback: user no-such-user is not in the model's training data", output, StringComparison.Ordinal);
        Assert.Equal(2, Rows(output).Count);
    }

    [Fact]
    public async Task Similar_on_a_model_without_similar_items_is_a_usage_error()
    {
        var file = await TrainDemo("bias");

        var (code, output) = await CliHarness.RunAsync("similar", "--model", file, "--item", "1");

        Assert.Equal(2, code);
        Assert.Contains("The model 'bias' cannot list similar items", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similar_on_item_knn_lists_neighbours_by_external_id_without_the_item_itself()
    {
        var file = Path.Combine(_folder, "knn.affm");
        var (trainCode, _) = await CliHarness.RunAsync("train", "--data", "ml-100k", "--model", "item-knn", "--options", "{\"mode\":\"ranking\"}", "--output", file, "--data-dir", TestData.Folder);
        Assert.Equal(0, trainCode);

        var (code, output) = await CliHarness.RunAsync("similar", "--model", file, "--item", "50", "--count", "5", "--data", "ml-100k", "--data-dir", TestData.Folder);

        Assert.Equal(0, code);
        var rows = Rows(output);
        Assert.Equal(5, rows.Count);
        Assert.DoesNotContain("50", rows);
        Assert.Contains("Return of the Jedi (1983)", output, StringComparison.Ordinal); // item 181, Star Wars' nearest neighbour by co-rating
    }

    [Fact]
    public async Task A_missing_model_file_is_data_not_found_and_a_damaged_one_bad_data()
    {
        var damaged = Path.Combine(_folder, "damaged.affm");
        await File.WriteAllTextAsync(damaged, "not a model");

        var (missingCode, missingOutput) = await CliHarness.RunAsync("recommend", "--model", Path.Combine(_folder, "none.affm"), "--user", "1");
        var (damagedCode, damagedOutput) = await CliHarness.RunAsync("similar", "--model", damaged, "--item", "1");

        Assert.Equal(3, missingCode);
        Assert.Contains("affinity train", missingOutput, StringComparison.Ordinal);
        Assert.Equal(4, damagedCode);
        Assert.Contains("not an Affinity model file", damagedOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-model", null)]
    [InlineData("bias", "{\"alsEpochs\":0}")]
    [InlineData("bias", "{\"noSuchOption\":1}")]
    [InlineData("bias", "{not json")]
    public async Task Train_rejects_bad_models_and_options_as_usage_errors(string model, string? options)
    {
        var file = Path.Combine(_folder, "bad.affm");
        string[] args = options is null
            ? ["train", "--data", "demo", "--model", model, "--output", file]
            : ["train", "--data", "demo", "--model", model, "--options", options, "--output", file];

        var (code, _) = await CliHarness.RunAsync(args);

        Assert.Equal(2, code);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task A_negative_count_is_a_usage_error()
    {
        var file = await TrainDemo("popularity");

        var (code, _) = await CliHarness.RunAsync("recommend", "--model", file, "--user", "1", "--count", "-1");

        Assert.Equal(2, code);
    }

    private async Task<string> TrainDemo(string model)
    {
        var file = Path.Combine(_folder, model + ".affm");
        var (code, output) = await CliHarness.RunAsync("train", "--data", "demo", "--model", model, "--output", file);
        Assert.True(code == 0, output);
        return file;
    }

    /// <summary>The item ids of the printed table, in rank order.</summary>
    private static List<string> Rows(string output)
        => [.. RowPattern().Matches(output).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"^│\s+\d+\s+│\s+(\S+)\s+│", RegexOptions.Multiline)]
    private static partial Regex RowPattern();
}
