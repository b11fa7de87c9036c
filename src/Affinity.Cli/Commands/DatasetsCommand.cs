using System.CommandLine;
using Affinity.Cli.Hosting;
using Affinity.Core.Loading;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary><c>affinity datasets list|fetch|import</c>.</summary>
internal static class DatasetsCommand
{
    public static Command Create(IAnsiConsole console) => new("datasets", "List, download and import datasets.")
    {
        List(console),
        DatasetsFetchCommand.Create(console),
        DatasetsImportCommand.Create(console),
    };

    private static Command List(IAnsiConsole console)
    {
        var dataDir = SharedOptions.DataDirectory();
        var cache = SharedOptions.Cache();
        var command = new Command("list", "List the datasets Affinity knows and where each is found on this machine.") { dataDir, cache };
        command.SetAction((parse, _) => CommandRunner.RunAsync(console, () =>
        {
            var locator = DataLocator.Create(parse.GetValue(dataDir), parse.GetValue(cache));
            var table = new Table().AddColumns("name", "description", "found at");
            foreach (var info in DatasetCatalog.All)
            {
                string where;
                try
                {
                    where = locator.Resolve(info.Name).Folder;
                }
                catch (CliException)
                {
                    where = "[grey]not here: affinity datasets fetch " + info.Name + "[/]";
                }

                table.AddRow(Markup.Escape(info.Name), Markup.Escape(info.Description), where.StartsWith('[') ? where : Markup.Escape(where));
            }

            console.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }
}
