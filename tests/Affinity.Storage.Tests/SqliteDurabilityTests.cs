using System.Diagnostics;
using System.Globalization;
using Affinity.Storage.Sqlite;

namespace Affinity.Storage.Tests;

/// <summary>
/// An acknowledged append survives a hard kill: a child process appends and reports each
/// acknowledged append on stdout, is killed (SIGKILL, no clean-up of any kind) while still
/// appending, and the reopened file must hold every event it acknowledged.
/// </summary>
public sealed class SqliteDurabilityTests : IDisposable
{
    private const int Acknowledgements = 150;
    private readonly string _folder = Directory.CreateTempSubdirectory("affinity-durability-").FullName;

    [Fact]
    public async Task Every_acknowledged_event_survives_a_hard_kill()
    {
        var path = Path.Combine(_folder, "store.db");
        var acknowledged = new List<(long First, int Count, int Round)>();
        using (var probe = StartProbe(path))
        {
            try
            {
                while (acknowledged.Count < Acknowledgements)
                {
                    var line = await probe.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))
                        ?? throw new InvalidOperationException("The probe stopped early: " + await probe.StandardError.ReadToEndAsync());
                    var parts = line.Split(' ');
                    acknowledged.Add((long.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture)));
                }
            }
            finally
            {
                probe.Kill(entireProcessTree: true);
                await probe.WaitForExitAsync();
            }
        }

        await using var store = await SqliteStore.OpenAsync(path);
        var stored = new Dictionary<long, StoredEvent>();
        await foreach (var e in store.Events.ReadAllAsync(CancellationToken.None))
        {
            stored[e.Sequence] = e;
        }

        // Rounds alternate single appends and batches of three: 150 acknowledgements are 75 x 1 + 75 x 3 = 300 events.
        Assert.Equal(300, acknowledged.Sum(a => a.Count));
        foreach (var (first, count, round) in acknowledged)
        {
            for (var j = 0; j < count; j++)
            {
                Assert.True(stored.TryGetValue(first + j, out var e), $"acknowledged event {first + j} (round {round}) is missing");
                Assert.Equal($"item-{round}-{j}", e.ItemId);
                Assert.Equal(round + (j / 10f), e.Value);
            }
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Process StartProbe(string path)
    {
        var probe = Path.Combine(AppContext.BaseDirectory, "Affinity.Storage.DurabilityProbe.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(probe);
        start.ArgumentList.Add(path);
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the durability probe.");
    }
}
