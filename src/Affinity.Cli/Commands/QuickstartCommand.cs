using System.CommandLine;
using System.Globalization;
using Affinity.Cli.Hosting;
using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;
using Affinity.Core.Demo;
using Affinity.Core.Recommending;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Running;
using Affinity.Models;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary>
/// <c>affinity quickstart</c>: the end-to-end tour on a fresh machine. It uses a local dataset when
/// one is given or found (ML-100K by default), otherwise a demo dataset the project generates; it
/// evaluates the baselines for rating prediction and top-N ranking and shows sample recommendations.
/// </summary>
internal static class QuickstartCommand
{
    private static readonly string[] RatingModels = ["global-mean", "bias"];
    private static readonly string[] RankingModels = ["popularity", "bias", "random"];

    public static Command Create(IAnsiConsole console)
    {
        var data = new Option<string?>("--data") { Description = "A dataset name or folder, or 'demo' for generated data (default: ml-100k when present, else the demo data)." };
        var seed = SharedOptions.Seed();
        var dataDir = SharedOptions.DataDirectory();
        var cache = SharedOptions.Cache();
        var command = new Command("quickstart", "Run Affinity end to end: load data, evaluate the baselines, show recommendations.") { data, seed, dataDir, cache };
        command.SetAction((parse, token) => CommandRunner.RunAsync(console, () =>
        {
            var input = LoadInput(console, DataLocator.Create(parse.GetValue(dataDir), parse.GetValue(cache)), parse.GetValue(data));
            DatasetSummary.Write(console, input.Data);
            var options = new EvaluationOptions { Seed = parse.GetValue(seed), CancellationToken = token };
            foreach (var (protocol, models) in new[] { (ProtocolCatalog.Surprise5Fold, RatingModels), (ProtocolCatalog.MicrosoftStratified, RankingModels) })
            {
                var report = EvaluateCommand.Run(console, protocol, input, ModelArguments.Parse(string.Join(',', models)), options);
                ReportTable.Write(console, report);
            }

            ShowRecommendations(console, input.Data, parse.GetValue(seed));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static ProtocolInput LoadInput(IAnsiConsole console, DataLocator locator, string? name)
    {
        if (string.Equals(name, "demo", StringComparison.OrdinalIgnoreCase))
        {
            return new ProtocolInput(DemoDataset.Generate());
        }

        if (name is not null)
        {
            return locator.Load(name);
        }

        try
        {
            return locator.Load("ml-100k");
        }
        catch (CliException)
        {
            console.MarkupLine("[yellow]ML-100K is not on this machine ('affinity datasets fetch ml-100k' gets it); using the generated demo dataset.[/]");
            return new ProtocolInput(DemoDataset.Generate());
        }
    }

    private static void ShowRecommendations(IAnsiConsole console, Dataset data, int seed)
    {
        var model = ModelCatalog.Default.Create("bias");
        model.Fit(data, new FitContext { Seed = seed });
        data.ItemAttributes.TryGet<TextColumn>("title", out var titles);
        var table = new Table().AddColumns("user", "rated", "top 5 by the bias baseline (unseen items)");
        foreach (var user in new[] { 0, data.UserCount / 2, data.UserCount - 1 }.Distinct())
        {
            var list = model.Recommend(new RecommendRequest(user, 5));
            var names = list.Items.Select(s => titles?.Values[s.Item] ?? data.Items[s.Item]);
            table.AddRow(
                Markup.Escape(data.Users[user]),
                data.ByUser.RowLength(user).ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join("; ", names)));
        }

        console.Write(table);
    }
}
