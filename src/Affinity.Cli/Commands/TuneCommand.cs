using System.CommandLine;
using System.Globalization;
using Affinity.Cli.Hosting;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Tuning;
using Affinity.Models;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary>
/// <c>affinity tune --data NAME --protocol P --model NAME --space SPEC</c>: search a model's options
/// on validation data carved from the protocol's training data, print every trial and the best
/// options, and with <c>--evaluate</c> measure them once on the test part.
/// </summary>
internal static class TuneCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var data = new Option<string>("--data") { Description = "A dataset name (ml-100k, ml-1m, ml-latest-small, lastfm-2k) or a dataset folder.", Required = true };
        var protocol = new Option<string>("--protocol") { Description = "The protocol: " + string.Join(", ", ProtocolCatalog.All.Select(p => p.Name)) + ".", Required = true };
        var model = new Option<string>("--model") { Description = "The model to tune (see 'affinity models list'); name=JSON fixes options the search leaves alone, e.g. bias={\"solver\":\"Sgd\"}.", Required = true };
        var space = new Option<string>("--space")
        {
            Description = "The options to search, camelCase names: name=int:LO..HI, name=float:LO..HI (add :log for a log scale), name=choice:A,B; separated by ';'.",
            Required = true,
        };
        var trials = new Option<int>("--trials") { Description = "How many settings to try.", DefaultValueFactory = _ => 20 };
        var metric = new Option<string?>("--metric") { Description = "The metric to optimise on validation (default: the protocol's first)." };
        var strategy = new Option<string>("--strategy") { Description = "How to search: tpe (Tree-structured Parzen Estimator after 10 random trials) or random.", DefaultValueFactory = _ => "tpe" };
        var allFolds = new Option<bool>("--all-folds") { Description = "Average the validation metric over every split of the protocol instead of the first only." };
        var evaluate = new Option<bool>("--evaluate") { Description = "Measure the best options once on the first split's test part, beside the starting options." };
        var json = new Option<string?>("--json") { Description = "Also write the trials, the best options and the test report as JSON to this file." };
        var seed = SharedOptions.Seed();
        var dataDir = SharedOptions.DataDirectory();
        var cache = SharedOptions.Cache();
        var command = new Command("tune", "Search a model's options on validation data carved from a protocol's training data.")
        {
            data, protocol, model, space, trials, metric, strategy, allFolds, evaluate, json, seed, dataDir, cache,
        };
        command.SetAction((parse, token) => CommandRunner.RunAsync(console, () =>
        {
            var chosen = ProtocolCatalog.Get(parse.GetValue(protocol)!);
            var target = Target(parse.GetValue(model)!);
            var searched = SearchSpace.Parse(parse.GetValue(space)!).Bind(target.OptionsType, target.JsonOptions);
            var options = new TuningOptions
            {
                Trials = parse.GetValue(trials),
                Seed = parse.GetValue(seed),
                Metric = parse.GetValue(metric),
                Strategy = Strategy(parse.GetValue(strategy)!),
                AllFolds = parse.GetValue(allFolds),
                EvaluateBest = parse.GetValue(evaluate),
                CancellationToken = token,
            };
            _ = HyperparameterTuner.ChooseMetric(chosen, options.Metric);
            var input = DataLocator.Create(parse.GetValue(dataDir), parse.GetValue(cache)).Load(parse.GetValue(data)!);
            var report = Run(console, chosen, input, target, searched, options);
            Write(console, report);
            if (parse.GetValue(json) is { } path)
            {
                File.WriteAllText(path, TuningReportWriter.ToJson(report));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The catalogue model named by <c>name</c> or <c>name={json}</c>, the JSON being the options every trial starts from.</summary>
    private static TuningTarget Target(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var descriptor = ModelCatalog.Default.Get((equals < 0 ? text : text[..equals]).Trim());
        var baseOptions = equals < 0 ? "{}" : text[(equals + 1)..].Trim();
        _ = ModelCatalog.Default.Create(descriptor.Name, baseOptions);
        return new TuningTarget(descriptor.Name, descriptor.OptionsType, options => ModelCatalog.Default.Create(descriptor.Name, options))
        {
            JsonOptions = ModelCatalog.JsonOptions,
            BaseOptionsJson = baseOptions,
        };
    }

    private static ISearchStrategy Strategy(string name) => name.Trim().ToUpperInvariant() switch
    {
        "TPE" => new TreeParzenSearch(),
        "RANDOM" => new RandomSearch(),
        _ => throw new ArgumentException($"Unknown search strategy '{name}'; use tpe or random."),
    };

    private static TuningReport Run(IAnsiConsole console, EvaluationProtocol protocol, ProtocolInput input, TuningTarget target, SearchSpace space, TuningOptions options)
        => console.Progress().Start(context =>
        {
            var task = context.AddTask($"tune {target.Name}");
            var progress = new SynchronousProgress<TuningProgress>(p =>
            {
                task.MaxValue = p.Total;
                task.Value = p.Done;
                var best = p.Best is { } b ? string.Create(CultureInfo.InvariantCulture, $", best {b:F4}") : "";
                task.Description = Markup.Escape($"{target.Name}: {p.Stage}{best}");
            });
            try
            {
                var report = HyperparameterTuner.Tune(protocol, input, target, space, options with { Progress = progress });
                task.Value = task.MaxValue;
                return report;
            }
            catch (InvalidOperationException e)
            {
                // A model that cannot run the protocol (no rating predictions) or a space where every trial failed.
                throw new CliException(e.Message, ExitCodes.Failure);
            }
        });

    private static void Write(IAnsiConsole console, TuningReport report)
    {
        var direction = report.HigherIsBetter ? "higher" : "lower";
        console.MarkupLineInterpolated($"[bold]Tuning {report.Model}[/] on [bold]{report.Dataset}[/] with {report.Protocol}: {report.Trials.Count} trials, {report.Strategy} search, seed {report.Seed}");
        console.MarkupLineInterpolated($"[grey]{report.Metric} ({direction} is better) on validation data carved from training data only:[/]");
        foreach (var line in report.Validation)
        {
            console.MarkupLineInterpolated($"[grey]  {line}[/]");
        }

        var table = new Table().AddColumn(new TableColumn("trial").RightAligned());
        foreach (var parameter in report.Space.Parameters)
        {
            table.AddColumn(new TableColumn(Markup.Escape(parameter.Name)).RightAligned());
        }

        table.AddColumn(new TableColumn(Markup.Escape($"{report.Metric} (validation)")).RightAligned());
        table.AddColumn(new TableColumn("fit s").RightAligned());
        foreach (var trial in report.Trials)
        {
            var isBest = ReferenceEquals(trial, report.Best);
            var cells = new List<string> { trial.Number.ToString(CultureInfo.InvariantCulture) + (isBest ? " *" : "") };
            cells.AddRange(trial.Values);
            cells.Add(double.IsFinite(trial.Value) ? trial.Value.ToString("F4", CultureInfo.InvariantCulture) : "-");
            cells.Add(trial.FitSeconds.ToString("F2", CultureInfo.InvariantCulture));
            table.AddRow([.. cells.Select(c => isBest ? $"[bold green]{Markup.Escape(c)}[/]" : Markup.Escape(c))]);
        }

        console.Write(table);
        var best = report.Best;
        console.MarkupLineInterpolated($"Best: trial {best.Number}, {report.Metric} {best.Value.ToString("F4", CultureInfo.InvariantCulture)} on validation. Options (for --models '{report.Model}=...'):");
        console.WriteLine(best.OptionsJson);
        if (report.Test is { } test)
        {
            console.WriteLine();
            console.MarkupLine("[bold]Test part, measured once with the best options (the starting options beside them):[/]");
            ReportTable.Write(console, test);
        }
    }
}
