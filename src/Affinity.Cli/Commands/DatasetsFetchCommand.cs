using System.CommandLine;
using Affinity.Cli.Hosting;
using Affinity.Core.Loading;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary><c>affinity datasets fetch NAME [--from DIR]</c>: download (or copy) a public dataset into the cache, checking its checksums.</summary>
internal static class DatasetsFetchCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string>("name") { Description = "The dataset: " + string.Join(", ", DatasetCatalog.All.Select(d => d.Name)) + "." };
        var from = new Option<string?>("--from") { Description = "Import a local copy of the dataset folder instead of downloading." };
        var cache = SharedOptions.Cache();
        var command = new Command("fetch", "Download a public dataset (or import a local copy with --from) into the cache, verifying checksums.") { name, from, cache };
        command.SetAction((parse, token) => CommandRunner.RunAsync(console, async () =>
        {
            var cacheFolder = parse.GetValue(cache) ?? DatasetCatalog.DefaultCacheFolder();
            var info = DatasetCatalog.Get(parse.GetValue(name)!);
            var source = parse.GetValue(from);
            string folder;
            if (source is not null)
            {
                folder = new DatasetFetcher(new HttpClient(), cacheFolder).ImportFrom(info.Name, source);
            }
            else
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
                var fetcher = new DatasetFetcher(http, cacheFolder);
                folder = await console.Progress().StartAsync(async context =>
                {
                    var task = context.AddTask($"downloading {info.Name}");
                    var progress = new Progress<(long Done, long? Total)>(p =>
                    {
                        if (p.Total is > 0)
                        {
                            task.MaxValue = p.Total.Value;
                        }

                        task.Value = p.Done;
                    });
                    return await fetcher.FetchAsync(info.Name, progress, token).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }

            console.MarkupLineInterpolated($"[green]{info.Name}[/] is ready in {folder}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
