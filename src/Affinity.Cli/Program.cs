using Affinity.Cli.Hosting;
using Spectre.Console;

var console = AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    // Redirected output has no window to measure; keep report tables on one line per row.
    console.Profile.Width = Math.Max(console.Profile.Width, 160);
}

return await CliApplication.RunAsync(console, args).ConfigureAwait(false);
