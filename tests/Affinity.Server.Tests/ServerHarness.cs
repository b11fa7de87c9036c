using System.Net.Http.Json;
using System.Text.Json;
using Affinity.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Affinity.Server.Tests;

/// <summary>An <see cref="AffinityServer"/> on a test host over a SQLite store in a temporary folder.</summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    public const string AdminKey = "admin-key-0123456789";
    public const string ReadKey = "read-key-0123456789a";

    private readonly WebApplication _app;

    private ServerHarness(string folder, WebApplication app)
    {
        Folder = folder;
        _app = app;
        Client = app.GetTestClient();
    }

    public string Folder { get; }

    public HttpClient Client { get; }

    /// <summary>The server's serving state.</summary>
    public Affinity.Server.Serving.ModelHost Host => _app.Services.GetRequiredService<Affinity.Server.Serving.ModelHost>();

    /// <summary>Starts a server; <paramref name="folder"/> reuses a store, <paramref name="keys"/> turns on API keys.</summary>
    public static async Task<ServerHarness> StartAsync(string? folder = null, bool keys = false, Func<AffinityServerOptions, AffinityServerOptions>? change = null)
    {
        folder ??= Directory.CreateTempSubdirectory("affinity-server-").FullName;
        var options = new AffinityServerOptions
        {
            Store = "sqlite:" + Path.Combine(folder, "store.db"),
            ApiKeys = keys ? [new ApiKey(AdminKey, ApiRole.Admin), new ApiKey(ReadKey, ApiRole.Read)] : [],
        };
        options = change?.Invoke(options) ?? options;
        var app = await AffinityServer.BuildAsync(options, builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        return new ServerHarness(folder, app);
    }

    /// <summary>
    /// Six users and six items in two tastes: u1..u3 like a1..a3, u4..u6 like b1..b3; each user has seen
    /// two of their three items, so the third is the one a collaborative model should recommend.
    /// </summary>
    public async Task SeedAsync()
    {
        var events = new List<object>();
        string[][] a = [["a1", "a2"], ["a2", "a3"], ["a1", "a3"]];
        for (var u = 0; u < 3; u++)
        {
            foreach (var item in a[u])
            {
                events.Add(new { userId = $"u{u + 1}", itemId = item });
                events.Add(new { userId = $"u{u + 4}", itemId = item.Replace('a', 'b') });
            }
        }

        var response = await Client.PostAsJsonAsync("/v1/events", new { events });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Trains a model, activates it and waits for the job to finish.</summary>
    public async Task<JsonElement> TrainAsync(string model, object? options = null)
    {
        var response = await Client.PostAsJsonAsync("/v1/models/train", new { model, options, activate = true });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var job = await Client.GetFromJsonAsync<JsonElement>($"/v1/models/jobs/{id}");
            var status = job.GetProperty("status").GetString();
            if (status is "succeeded" or "failed")
            {
                Assert.Equal("succeeded", status);
                return job;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The training job did not finish.");
    }

    public async Task<JsonElement> RecommendAsync(string user, string query = "")
        => await Client.GetFromJsonAsync<JsonElement>($"/v1/users/{user}/recommendations?{query}");

    public static string[] Items(JsonElement list)
        => [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!)];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public static void Delete(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
