using System.Text.Json;
using Affinity.Testing;

namespace Affinity.Cli.Tests;

public sealed class ProfileCommandTests
{
    [Fact]
    public async Task Ml100k_user_196_shows_attributes_activity_ratings_and_genre_affinities()
    {
        var (code, output) = await CliHarness.RunAsync("profile", "--data", "ml-100k", "--user", "196", "--top", "3", "--data-dir", TestData.Folder);

        Assert.Equal(0, code);
        Assert.Contains("Profile of user 196 in ml-100k", output, StringComparison.Ordinal);
        Assert.Matches(@"│ occupation\s+│\s+writer │", output);
        Assert.Matches(@"│ interactions\s+│\s+39 │", output);

        // 39 ratings summing to 141: mean 141 / 39 = 3.615; all on 1997-12-04.
        Assert.Matches(@"│ mean rating\s+│\s+3\.615 │", output);
        Assert.Matches(@"│ active days\s+│\s+1 │", output);

        // Weights 39·r - 141 over 39: Σ|w| = 1284 / 39; the 11 dramas sum to 204 / 39, so Drama is 204 / 1284 = 0.159.
        Assert.Matches(@"│\s+1 │ genres │ Drama\s+│\s+0\.159 │\s+11 │", output);
        Assert.Contains("Leans away from:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("title", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_prints_the_profile_object()
    {
        var (code, output) = await CliHarness.RunAsync("profile", "--data", "ml-100k", "--user", "196", "--top", "2", "--json", "--data-dir", TestData.Folder);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("196", root.GetProperty("userId").GetString());
        Assert.Equal("Explicit", root.GetProperty("kind").GetString());
        Assert.Equal(39, root.GetProperty("activity").GetProperty("interactions").GetInt32());
        Assert.Equal(141.0 / 39, root.GetProperty("ratings").GetProperty("mean").GetDouble(), 6);
        var affinities = root.GetProperty("affinities");
        Assert.Equal(2, affinities.GetArrayLength());
        Assert.Equal("genres=Drama", affinities[0].GetProperty("name").GetString());
        Assert.Equal(204.0 / 1284, affinities[0].GetProperty("weight").GetDouble(), 6);
        Assert.Contains(root.GetProperty("attributes").EnumerateArray(), a => a.GetProperty("field").GetString() == "occupation" && a.GetProperty("value").GetString() == "writer");
    }

    [Fact]
    public async Task The_demo_dataset_needs_no_files()
    {
        var (code, output) = await CliHarness.RunAsync("profile", "--data", "demo", "--user", "7");

        Assert.Equal(0, code);
        Assert.Contains("Profile of user 7 in demo", output, StringComparison.Ordinal);
        Assert.Contains("Leans towards:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_user_is_a_usage_error_that_names_the_user()
    {
        var (code, output) = await CliHarness.RunAsync("profile", "--data", "ml-100k", "--user", "no-such-user", "--data-dir", TestData.Folder);

        Assert.Equal(2, code);
        Assert.Contains("The user 'no-such-user' is not in ml-100k", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--top", "-1")]
    [InlineData("--half-life", "0")]
    public async Task Bad_options_are_usage_errors(string option, string value)
    {
        var (code, _) = await CliHarness.RunAsync("profile", "--data", "demo", "--user", "7", option, value);

        Assert.Equal(2, code);
    }
}
