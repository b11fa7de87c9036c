using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Affinity.Storage;
using Affinity.Storage.Sqlite;

namespace Affinity.Server.Tests;

/// <summary>
/// The durability test: the real <c>affinity serve</c> process takes events over HTTP, is killed
/// hard (SIGKILL, no shutdown) right after acknowledging, and the SQLite file it leaves holds every
/// acknowledged event; a server restarted on that file serves them.
/// </summary>
public sealed class ServeDurabilityTests : IDisposable
{
    private const int Batches = 30;
    private readonly string _folder = Directory.CreateTempSubdirectory("affinity-serve-durability-").FullName;

    [Fact]
    public async Task Every_acknowledged_event_survives_a_hard_kill_of_the_server()
    {
        var path = Path.Combine(_folder, "store.db");
        var acknowledged = new List<(long First, int Count, int Batch)>();
        using (var process = StartServe(path))
        {
            try
            {
                var address = await ListeningAddressAsync(process);
                using var client = new HttpClient { BaseAddress = new Uri(address) };
                for (var batch = 0; batch < Batches; batch++)
                {
                    // Alternate single events and batches of three, like the store's own durability probe.
                    object body = batch % 2 == 0
                        ? Event(batch, 0)
                        : new { events = new[] { Event(batch, 0), Event(batch, 1), Event(batch, 2) } };
                    var response = await client.PostAsJsonAsync("/v1/events", body);
                    response.EnsureSuccessStatusCode();
                    var ack = await response.Content.ReadFromJsonAsync<JsonElement>();
                    acknowledged.Add((ack.GetProperty("firstSequence").GetInt64(), ack.GetProperty("count").GetInt32(), batch));
                }
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        // 15 singles + 15 batches of three = 60 events.
        Assert.Equal(60, acknowledged.Sum(a => a.Count));
        await using (var store = await SqliteStore.OpenAsync(path))
        {
            var stored = new Dictionary<long, StoredEvent>();
            await foreach (var e in store.Events.ReadAllAsync(CancellationToken.None))
            {
                stored[e.Sequence] = e;
            }

            foreach (var (first, count, batch) in acknowledged)
            {
                for (var j = 0; j < count; j++)
                {
                    Assert.True(stored.TryGetValue(first + j, out var e), $"acknowledged event {first + j} (batch {batch}) is missing");
                    Assert.Equal($"item-{batch}-{j}", e.ItemId);
                }
            }
        }

        await using var restarted = await ServerHarness.StartAsync(_folder);
        var health = await restarted.Client.GetFromJsonAsync<JsonElement>("/v1/health");
        Assert.Equal(60, health.GetProperty("snapshotSequence").GetInt64());
    }

    public void Dispose() => ServerHarness.Delete(_folder);

    private static object Event(int batch, int index) => new { userId = $"user-{batch % 5}", itemId = $"item-{batch}-{index}", type = "view" };

    private static Process StartServe(string path)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "affinity.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { cli, "serve", "--store", "sqlite:" + path, "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AFFINITY_HOME"] = Path.GetDirectoryName(path);
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start affinity serve.");
    }

    /// <summary>Reads the log until Kestrel reports the port it chose.</summary>
    private static async Task<string> ListeningAddressAsync(Process process)
    {
        const string marker = "Now listening on: ";
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))
                ?? throw new InvalidOperationException("affinity serve stopped early: " + await process.StandardError.ReadToEndAsync());
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                return line[(at + marker.Length)..].Trim();
            }
        }
    }
}
