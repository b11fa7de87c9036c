using System.CommandLine;
using Affinity.Cli.Hosting;
using Affinity.Core.Recommending;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary>
/// <c>affinity recommend --model FILE --user ID [--count N] [--data NAME]</c>: the top items for a
/// user, by external id. A user the model cannot score gets the fallback list, flagged as such.
/// </summary>
internal static class RecommendCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Option<string>("--model") { Description = "A model file written by 'affinity train'.", Required = true };
        var user = new Option<string>("--user") { Description = "The user's external id, as in the training data.", Required = true };
        var count = new Option<int>("--count") { Description = "How many items to list.", DefaultValueFactory = _ => 10 };
        var data = new Option<string?>("--data") { Description = "A dataset whose item titles to print (the one the model was trained on)." };
        var dataDir = SharedOptions.DataDirectory();
        var cache = SharedOptions.Cache();
        var command = new Command("recommend", "List the top items for a user from a model file.") { model, user, count, data, dataDir, cache };
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

            ItemTable.Write(console, recommender.Items, list.Items, titles, list.IsFallback ? "fallback" : "model");
            return ExitCodes.Success;
        }));
        return command;
    }
}
