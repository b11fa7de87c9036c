using System.Text.RegularExpressions;
using Affinity.Cli.Commands;
using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;
using Affinity.Core.Loading;
using Affinity.Core.Recommending;
using Affinity.Testing;

namespace Affinity.Cli.Tests;

public sealed partial class RecommendExplainTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"affinity-{Guid.NewGuid():N}");

    public RecommendExplainTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Item_knn_explains_each_item_by_titles_from_the_users_own_history()
    {
        var file = Path.Combine(_folder, "knn.affm");
        var (trainCode, _) = await CliHarness.RunAsync("train", "--data", "ml-100k", "--model", "item-knn", "--options", "{\"mode\":\"ranking\"}", "--output", file, "--data-dir", TestData.Folder);
        Assert.Equal(0, trainCode);

        var (code, output) = await CliHarness.RunAsync("recommend", "--model", file, "--user", "196", "--count", "3", "--data", "ml-100k", "--explain", "--data-dir", TestData.Folder);

        Assert.Equal(0, code);
        var data = MovieLens100K.Load(TestData.PathOf("ml-100k"));
        Assert.True(data.ItemAttributes.TryGet<TextColumn>("title", out var titles));
        var user = data.Users.IndexOf("196");
        var history = data.ByUser.RowColumns(user).ToArray().Select(i => titles.Values[i]).ToHashSet();
        var liked = LikedPattern().Matches(output).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(9, liked.Count); // three reasons under each of the three items
        Assert.All(liked, title => Assert.Contains(title, history));
    }

    [Fact]
    public async Task Popularity_and_the_fallback_say_popular_under_every_item()
    {
        var file = Path.Combine(_folder, "pop.affm");
        var (trainCode, _) = await CliHarness.RunAsync("train", "--data", "demo", "--model", "popularity", "--output", file);
        Assert.Equal(0, trainCode);

        var (knownCode, known) = await CliHarness.RunAsync("recommend", "--model", file, "--user", "7", "--count", "4", "--explain");
        var (unknownCode, unknown) = await CliHarness.RunAsync("recommend", "--model", file, "--user", "no-such-user", "--count", "2", "--explain");

        Assert.Equal((0, 0), (knownCode, unknownCode));
        Assert.Equal(4, PopularPattern().Matches(known).Count);
        Assert.Contains("fallback", unknown, StringComparison.Ordinal);
        Assert.Equal(2, PopularPattern().Matches(unknown).Count);
    }

    [Fact]
    public void Reasons_are_put_in_words_with_their_weights()
    {
        var items = IdMap.FromIds(["50", "181"]);
        Func<string, string?> titles = id => id == "50" ? "Star Wars (1977)" : null;
        var explanation = new Explanation(0, 1, 2.5f,
        [
            new Reason(ReasonKind.HistoryItem, 0.5f, 0),
            new Reason(ReasonKind.Feature, 0.25f, Feature: "genres=Sci-Fi"),
            new Reason(ReasonKind.Popularity, 0.125f),
            new Reason(ReasonKind.Bias, -0.5f),
            new Reason(ReasonKind.HistoryItem, -1f, 1),
        ]);

        var lines = RecommendCommand.Describe(explanation, items, titles);

        Assert.Equal(
            [
                "because you liked Star Wars (1977) (+0.5)",
                "matches genres=Sci-Fi (+0.25)",
                "popular (+0.125)",
                "less liked overall (-0.5)",
                "less so because of item 181 (-1)",
            ],
            lines);
    }

    [GeneratedRegex(@"because you liked (.+?) \(\+[0-9.eE+-]+\)")]
    private static partial Regex LikedPattern();

    [GeneratedRegex(@"│\s+popular \(\+[0-9.]+\)")]
    private static partial Regex PopularPattern();
}
