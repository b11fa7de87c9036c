using System.CommandLine;
using System.Globalization;
using Affinity.Cli.Hosting;
using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary>
/// <c>affinity recommend --model FILE --user ID [--count N] [--data NAME] [--explain]</c>: the top items
/// for a user, by external id. A user the model cannot score gets the fallback list, flagged as such.
/// With <c>--explain</c> each item's reasons (<see cref="IExplainer"/>) follow it in words: "because you
/// liked Star Wars (1977)", "matches genres=Sci-Fi", "popular", with each reason's weight.
/// </summary>
internal static class RecommendCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Option<string>("--model") { Description = "A model file written by 'affinity train'.", Required = true };
        var user = new Option<string>("--user") { Description = "The user's external id, as in the training data.", Required = true };
        var count = new Option<int>("--count") { Description = "How many items to list.", DefaultValueFactory = _ => 10 };
        var data = new Option<string?>("--data") { Description = "A dataset whose item titles to print (the one the model was trained on)." };
        var explain = new Option<bool>("--explain") { Description = "Print why each item is recommended, under it." };
        var dataDir = SharedOptions.DataDirectory();
        var cache = SharedOptions.Cache();
        var command = new Command("recommend", "List the top items for a user from a model file.") { model, user, count, data, explain, dataDir, cache };
        command.SetAction((parse, _) => CommandRunner.RunAsync(console, () =>
        {
            var n = parse.GetValue(count);
            ArgumentOutOfRangeException.ThrowIfNegative(n, "--count");
            var recommender = ModelFiles.Load(parse.GetValue(model)!);
            var titles = ItemTable.TitlesFrom(parse.GetValue(data), parse.GetValue(dataDir), parse.GetValue(cache));
            var userId = parse.GetValue(user)!;
            var index = recommender.Users.IndexOf(userId);
            var list = recommender.Recommend(new RecommendRequest(index, n));
            if (list.IsFallback)
            {
                var why = index < 0 ? "is not in the model's training data" : "has nothing the model can score";
                console.MarkupLineInterpolated($"[yellow]fallback:[/] user {userId} {why}; showing the most popular training items.");
            }
            else
            {
                console.MarkupLineInterpolated($"Top {list.Items.Count} for user {userId} by {recommender.Name} (seen items left out):");
            }

            Func<int, IReadOnlyList<string>>? reasons = null;
            if (parse.GetValue(explain))
            {
                var explainer = recommender as IExplainer ?? throw new CliException($"The model '{recommender.Name}' cannot explain its recommendations.", ExitCodes.Usage);
                reasons = item => Describe(explainer.Explain(index, item, MaxReasons), recommender.Items, titles);
            }

            ItemTable.Write(console, recommender.Items, list.Items, titles, list.IsFallback ? "fallback" : "model", reasons);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>How many reasons are printed under an item.</summary>
    private const int MaxReasons = 3;

    /// <summary>Each reason in words, with its weight in the model's own units.</summary>
    internal static IReadOnlyList<string> Describe(Explanation explanation, IdMap items, Func<string, string?> titles)
    {
        var lines = new List<string>(explanation.Reasons.Count);
        foreach (var reason in explanation.Reasons)
        {
            var words = reason.Kind switch
            {
                ReasonKind.HistoryItem => (reason.Weight >= 0 ? "because you liked " : "less so because of ") + Name(reason.Item, items, titles),
                ReasonKind.Feature => "matches " + reason.Feature,
                ReasonKind.Popularity => "popular",
                _ => reason.Weight >= 0 ? "well liked overall" : "less liked overall",
            };
            lines.Add($"{words} ({(reason.Weight >= 0 ? "+" : string.Empty)}{reason.Weight.ToString("G3", CultureInfo.InvariantCulture)})");
        }

        return lines;
    }

    private static string Name(int item, IdMap items, Func<string, string?> titles)
    {
        if ((uint)item >= (uint)items.Count)
        {
            return "an unknown item";
        }

        var id = items[item];
        return titles(id) ?? "item " + id;
    }
}
