using Affinity.Cli.Hosting;
using Spectre.Console;

namespace Affinity.Cli.Tests;

/// <summary>Runs the affinity command tree in-process and captures what it prints.</summary>
internal static class CliHarness
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var code = await CliApplication.RunAsync(console, args);
        return (code, writer.ToString());
    }
}
