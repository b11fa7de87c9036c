using Affinity.Cli.Hosting;
using Spectre.Console;

return await CliApplication.RunAsync(AnsiConsole.Console, args).ConfigureAwait(false);
