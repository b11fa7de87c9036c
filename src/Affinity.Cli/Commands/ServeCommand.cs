using System.CommandLine;
using Affinity.Cli.Hosting;
using Affinity.Server;
using Affinity.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary><c>affinity serve [--store CONN] [--urls URL] [--api-key KEY:ROLE ...]</c>: run the HTTP service until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var store = new Option<string?>("--store") { Description = "The store: sqlite:PATH or postgres:Host=...;Database=... (default: sqlite:$AFFINITY_HOME/affinity.db or ~/.affinity/affinity.db)." };
        var urls = new Option<string>("--urls") { Description = "The addresses to listen on, separated by ';'.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var keys = new Option<string[]>("--api-key") { Description = "An accepted API key as KEY:ROLE (role read or admin); repeat for more. Without keys the server listens on loopback only.", AllowMultipleArgumentsPerToken = false };
        var model = new Option<string>("--default-model") { Description = "The model a training request without a model name trains.", DefaultValueFactory = _ => "als" };
        var command = new Command("serve", "Run the recommendation service (HTTP API) over a store.") { store, urls, keys, model };
        command.SetAction((parse, token) => CommandRunner.RunAsync(console, async () =>
        {
            var options = new AffinityServerOptions
            {
                Store = parse.GetValue(store),
                Urls = parse.GetValue(urls)!,
                ApiKeys = Array.ConvertAll(parse.GetValue(keys) ?? [], ApiKey.Parse),
                DefaultModel = parse.GetValue(model)!,
            };
            await using var app = await AffinityServer.BuildAsync(options, cancellationToken: token).ConfigureAwait(false);
            await app.StartAsync(token).ConfigureAwait(false);
            await app.WaitForShutdownAsync(token).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
