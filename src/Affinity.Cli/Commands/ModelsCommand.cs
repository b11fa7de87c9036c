using System.CommandLine;
using System.Text.Json;
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
            foreach (var model in ModelCatalog.Default.Models)
            {
                var defaults = JsonSerializer.Serialize(model.DefaultOptions, model.OptionsType, ModelCatalog.JsonOptions);
                table.AddRow(Markup.Escape(model.Name), Markup.Escape(model.Description), Markup.Escape(defaults));
            }

            console.Write(table);
            return ExitCodes.Success;
        }));
        return new Command("models", "Inspect the model catalogue.") { list };
    }
}
