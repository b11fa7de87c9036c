using System.CommandLine;
using Affinity.Cli.Hosting;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Reporting;
using Affinity.Evaluation.Running;
using Affinity.Models;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary><c>affinity evaluate --data NAME --protocol P --models a,b</c>: run a protocol and print the table.</summary>
internal static class EvaluateCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var data = new Option<string>("--data") { Description = "A dataset name (ml-100k, ml-1m, ml-latest-small, lastfm-2k) or a dataset folder.", Required = true };
        var protocol = new Option<string>("--protocol") { Description = "The protocol: " + string.Join(", ", ProtocolCatalog.All.Select(p => p.Name)) + ".", Required = true };
        var models = new Option<string>("--models") { Description = "Comma-separated model names (see 'affinity models list'); name=JSON sets options, e.g. bias={\"Epochs\":20}.", Required = true };
        var metrics = new Option<string?>("--metrics") { Description = "Comma-separated metrics instead of the protocol's, e.g. NDCG@20,Recall@20." };
        var json = new Option<string?>("--json") { Description = "Also write the full report as JSON to this file." };
        var csv = new Option<string?>("--csv") { Description = "Also write the report as CSV to this file." };
        var save = new Option<string?>("--save-predictions") { Description = "Write every fold's train/test files, predictions and top-K lists (external ids, tab-separated) under this folder." };
        var seed = SharedOptions.Seed();
        var dataDir = SharedOptions.DataDirectory();
        var cache = SharedOptions.Cache();
        var command = new Command("evaluate", "Evaluate models on a dataset with a published protocol.")
        {
            data, protocol, models, metrics, json, csv, save, seed, dataDir, cache,
        };
        command.SetAction((parse, token) => CommandRunner.RunAsync(console, () =>
        {
            var chosen = ProtocolCatalog.Get(parse.GetValue(protocol)!);
            var modelList = ModelArguments.Parse(parse.GetValue(models)!);
            var input = DataLocator.Create(parse.GetValue(dataDir), parse.GetValue(cache)).Load(parse.GetValue(data)!);
            var options = new EvaluationOptions
            {
                Metrics = parse.GetValue(metrics)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                SavePredictionsFolder = parse.GetValue(save),
                Seed = parse.GetValue(seed),
                CancellationToken = token,
            };
            var report = Run(console, chosen, input, modelList, options);
            ReportTable.Write(console, report);
            Write(parse.GetValue(json), ReportWriter.ToJson(report));
            Write(parse.GetValue(csv), ReportWriter.ToCsv(report));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Runs the evaluation under a progress bar.</summary>
    public static EvaluationReport Run(IAnsiConsole console, EvaluationProtocol protocol, ProtocolInput input, IReadOnlyList<ModelUnderTest> models, EvaluationOptions options)
        => console.Progress().Start(context =>
        {
            var task = context.AddTask($"{protocol.Name}");
            var progress = new SynchronousProgress<EvaluationProgress>(p =>
            {
                task.MaxValue = p.Total;
                task.Value = p.Done;
                task.Description = Markup.Escape($"{protocol.Name}: {p.Split} {p.Model} {p.Stage}");
            });
            var report = EvaluationRunner.Run(protocol, input, models, options with { Progress = progress });
            task.Value = task.MaxValue;
            return report;
        });

    private static void Write(string? path, string content)
    {
        if (path is not null)
        {
            File.WriteAllText(path, content);
        }
    }
}
