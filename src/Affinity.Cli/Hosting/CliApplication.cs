using System.CommandLine;
using Affinity.Cli.Commands;
using Spectre.Console;

namespace Affinity.Cli.Hosting;

/// <summary>The <c>affinity</c> command tree, built over a console so tests can capture the output.</summary>
internal static class CliApplication
{
    public static RootCommand CreateRoot(IAnsiConsole console) => new("Affinity: a personalized recommendation engine for .NET.")
    {
        QuickstartCommand.Create(console),
        DatasetsCommand.Create(console),
        EvaluateCommand.Create(console),
        ModelsCommand.Create(console),
        TrainCommand.Create(console),
        RecommendCommand.Create(console),
        SimilarCommand.Create(console),
        ProfileCommand.Create(console),
        BenchCommand.Create(console),
        TuneCommand.Create(console),
        ServeCommand.Create(console),
    };

    public static Task<int> RunAsync(IAnsiConsole console, string[] args) => CreateRoot(console).Parse(args).InvokeAsync();
}
