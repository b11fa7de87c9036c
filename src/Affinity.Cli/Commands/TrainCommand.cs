using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Affinity.Cli.Hosting;
using Affinity.Core.Recommending;
using Affinity.Models;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary><c>affinity train --data NAME --model NAME [--options JSON] --output FILE</c>: fit on the whole dataset and write a model file.</summary>
internal static class TrainCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var data = new Option<string>("--data") { Description = "A dataset name (ml-100k, ml-1m, ml-latest-small, lastfm-2k), a dataset folder, or 'demo' for generated data.", Required = true };
        var model = new Option<string>("--model") { Description = "The model name (see 'affinity models list').", Required = true };
        var options = new Option<string?>("--options") { Description = "The model's options as JSON, e.g. {\"regUser\":10}; the defaults when left out." };
        var output = new Option<string>("--output") { Description = "The model file to write.", Required = true };
        var seed = SharedOptions.Seed();
        var dataDir = SharedOptions.DataDirectory();
        var cache = SharedOptions.Cache();
        var command = new Command("train", "Fit a model on a whole dataset and write it to a model file.") { data, model, options, output, seed, dataDir, cache };
        command.SetAction((parse, token) => CommandRunner.RunAsync(console, () =>
        {
            var recommender = ModelFiles.Persistable(ModelCatalog.Default.Create(parse.GetValue(model)!, parse.GetValue(options)));
            var dataset = CommandData.Load(DataLocator.Create(parse.GetValue(dataDir), parse.GetValue(cache)), parse.GetValue(data)!);
            var clock = Stopwatch.StartNew();
            recommender.Fit(dataset, new FitContext { Seed = parse.GetValue(seed), CancellationToken = token });
            var fitSeconds = clock.Elapsed.TotalSeconds;
            var path = parse.GetValue(output)!;
            var bytes = ModelFiles.Save(recommender, path);
            console.MarkupLineInterpolated(
                $"Trained [bold]{recommender.Name}[/] on [bold]{dataset.Name}[/] ({dataset.UserCount.ToString("N0", CultureInfo.InvariantCulture)} users, {dataset.ItemCount.ToString("N0", CultureInfo.InvariantCulture)} items, {dataset.Count.ToString("N0", CultureInfo.InvariantCulture)} interactions) in {fitSeconds.ToString("F2", CultureInfo.InvariantCulture)} s.");
            console.MarkupLineInterpolated($"Wrote {path} ({bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes).");
            return ExitCodes.Success;
        }));
        return command;
    }
}
