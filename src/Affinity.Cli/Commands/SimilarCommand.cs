using System.CommandLine;
using Affinity.Cli.Hosting;
using Affinity.Core.Recommending;
using Affinity.Models;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary><c>affinity similar --model FILE --item ID [--count N] [--data NAME]</c>: the items most like an item, for models that implement <see cref="ISimilarItems"/>.</summary>
internal static class SimilarCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Option<string>("--model") { Description = "A model file written by 'affinity train'.", Required = true };
        var item = new Option<string>("--item") { Description = "The item's external id, as in the training data.", Required = true };
        var count = new Option<int>("--count") { Description = "How many items to list.", DefaultValueFactory = _ => 10 };
        var data = new Option<string?>("--data") { Description = "A dataset whose item titles to print (the one the model was trained on)." };
        var dataDir = SharedOptions.DataDirectory();
        var cache = SharedOptions.Cache();
        var command = new Command("similar", "List the items most similar to an item from a model file.") { model, item, count, data, dataDir, cache };
        command.SetAction((parse, _) => CommandRunner.RunAsync(console, () =>
        {
            var n = parse.GetValue(count);
            ArgumentOutOfRangeException.ThrowIfNegative(n, "--count");
            var recommender = ModelFiles.Load(parse.GetValue(model)!);
            if (recommender is not ISimilarItems similar)
            {
                throw new CliException(
                    $"The model '{recommender.Name}' cannot list similar items. Models that can: {Capable()}.",
                    ExitCodes.Usage);
            }

            var titles = ItemTable.TitlesFrom(parse.GetValue(data), parse.GetValue(dataDir), parse.GetValue(cache));
            var itemId = parse.GetValue(item)!;
            var index = recommender.Items.IndexOf(itemId);
            if (index < 0)
            {
                throw new CliException($"The item '{itemId}' is not in the model's training data.", ExitCodes.Usage);
            }

            var title = titles(itemId);
            console.MarkupLineInterpolated($"Items most like {itemId}{(title is null ? string.Empty : $" ({title})")} by {recommender.Name}:");
            ItemTable.Write(console, recommender.Items, similar.SimilarItems(index, n), titles, source: null);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The catalogue models whose instances implement <see cref="ISimilarItems"/>.</summary>
    private static string Capable()
    {
        var names = ModelCatalog.Default.Models.Where(m => m.Create() is ISimilarItems).Select(m => m.Name).ToList();
        return names.Count == 0 ? "none in this build" : string.Join(", ", names);
    }
}
