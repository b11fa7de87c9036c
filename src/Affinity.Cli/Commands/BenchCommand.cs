using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Affinity.Cli.Hosting;
using Affinity.Core.Demo;
using Affinity.Core.Recommending;
using Affinity.Models;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary>
/// <c>affinity bench --model NAME [--options JSON] [--shape S] [--users N --items N --interactions N]</c>:
/// the macro measurement beside the BenchmarkDotNet suites. It generates synthetic long-tailed data
/// (<see cref="SyntheticInteractions"/>, ML-20M-shaped by default), trains once and times a batch of
/// top-10 requests, reporting wall time, bytes allocated and the process's peak working set.
/// </summary>
internal static class BenchCommand
{
    private const double Megabyte = 1024 * 1024;

    public static Command Create(IAnsiConsole console)
    {
        var model = new Option<string>("--model") { Description = "The model name (see 'affinity models list').", Required = true };
        var options = new Option<string?>("--options") { Description = "The model's options as JSON; the defaults when left out." };
        var shape = new Option<string>("--shape") { Description = "The data size: ml-20m (the default: 138,493 users, 20,000 items, 10M interactions), ml-1m, ml-100k or USERSxITEMSxINTERACTIONS.", DefaultValueFactory = _ => "ml-20m" };
        var users = new Option<int?>("--users") { Description = "Overrides the shape's number of users." };
        var items = new Option<int?>("--items") { Description = "Overrides the shape's number of items." };
        var interactions = new Option<int?>("--interactions") { Description = "Overrides the shape's number of interactions." };
        var recommendUsers = new Option<int>("--recommend-users") { Description = "How many users to ask for a top-10 after training (0 skips it).", DefaultValueFactory = _ => 1_000 };
        var seed = SharedOptions.Seed();
        var command = new Command("bench", "Time one training run and a batch of recommendations on generated data of a chosen size.")
        {
            model, options, shape, users, items, interactions, recommendUsers, seed,
        };
        command.SetAction((parse, token) => CommandRunner.RunAsync(console, () =>
        {
            var recommender = ModelCatalog.Default.Create(parse.GetValue(model)!, parse.GetValue(options));
            var baseShape = SyntheticShape.Parse(parse.GetValue(shape)!);
            var size = new SyntheticShape(
                parse.GetValue(users) ?? baseShape.Users,
                parse.GetValue(items) ?? baseShape.Items,
                parse.GetValue(interactions) ?? baseShape.Interactions);
            var asked = parse.GetValue(recommendUsers);
            ArgumentOutOfRangeException.ThrowIfNegative(asked, "--recommend-users");
            var seedValue = parse.GetValue(seed);
            var rows = new List<(string What, string Value)>();

            var clock = Stopwatch.StartNew();
            var data = SyntheticInteractions.Generate(size, seedValue);
            rows.Add(("generate s", Seconds(clock)));
            clock.Restart();
            _ = data.ByUser;
            _ = data.ByItem;
            rows.Add(("index (CSR both ways) s", Seconds(clock)));
            rows.Add(("peak working set after data MB", Megabytes(Process.GetCurrentProcess().PeakWorkingSet64)));

            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            clock.Restart();
            recommender.Fit(data, new FitContext { Seed = seedValue, CancellationToken = token });
            rows.Add(("fit s", Seconds(clock)));
            rows.Add(("fit allocated MB", Megabytes(GC.GetTotalAllocatedBytes(precise: true) - allocated)));
            rows.Add(("fit GCs gen0/gen1/gen2", string.Create(CultureInfo.InvariantCulture, $"{GC.CollectionCount(0) - collections.Item1}/{GC.CollectionCount(1) - collections.Item2}/{GC.CollectionCount(2) - collections.Item3}")));
            rows.Add(("peak working set after fit MB", Megabytes(Process.GetCurrentProcess().PeakWorkingSet64)));

            var n = Math.Min(asked, data.UserCount);
            if (n > 0)
            {
                var requests = new RecommendRequest[n];
                for (var u = 0; u < n; u++)
                {
                    requests[u] = new RecommendRequest(u, 10);
                }

                clock.Restart();
                _ = recommender.RecommendBatch(requests);
                var seconds = clock.Elapsed.TotalSeconds;
                rows.Add(($"top-10 for {n.ToString("N0", CultureInfo.InvariantCulture)} users s", Seconds(clock)));
                rows.Add(("top-10 users per second", (n / seconds).ToString("N0", CultureInfo.InvariantCulture)));
            }

            console.MarkupLineInterpolated($"[bold]{recommender.Name}[/] on synthetic {size} (seed {seedValue}), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            var table = new Table().AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
            foreach (var (what, value) in rows)
            {
                table.AddRow(Markup.Escape(what), value);
            }

            console.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Seconds(Stopwatch clock) => clock.Elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / Megabyte).ToString("F3", CultureInfo.InvariantCulture);
}
