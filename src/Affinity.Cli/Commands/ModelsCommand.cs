using System.CommandLine;
using Affinity.Cli.Hosting;
using Affinity.Models;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary><c>affinity models list</c>: the registered models and their options.</summary>
internal static class ModelsCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var list = new Command("list", "List the models Affinity can train.");
        list.SetAction((_, _) => CommandRunner.RunAsync(console, () =>
        {
            var table = new Table().AddColumns("name", "description", "default options");
            foreach (var entry in ModelCatalog.Default.Entries)
            {
                table.AddRow(Markup.Escape(entry.Name), Markup.Escape(entry.Description), Markup.Escape(entry.DefaultOptionsJson()));
            }

            console.Write(table);
            return ExitCodes.Success;
        }));
        return new Command("models", "Inspect the model catalogue.") { list };
    }
}
