using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Affinity.Core.Demo;

namespace Affinity.Benchmarks;

/// <summary>
/// <c>load-seed</c>: the event generator of the load test (bench/load/run.sh). It generates
/// <see cref="SyntheticInteractions"/> of the requested shape, posts them to a running server
/// through <c>POST /v1/events</c> in batches from a few concurrent senders, and prints the
/// ingestion rate the client saw (events acknowledged per second of wall time, so each batch
/// counts only once it is durable in the store).
/// </summary>
/// <remarks>
/// <c>load-seed --url URL [--users N] [--items N] [--events N] [--batch N] [--senders N]
/// [--api-key KEY] [--users-out FILE]</c>. User ids are <c>u</c> + the synthetic id, item ids
/// <c>i</c> + the synthetic id; <c>--users-out</c> writes every user id that got an event, one a
/// line, for the request generator to draw from.
/// </remarks>
public static class LoadSeed
{
    /// <summary>The first argument that selects this run.</summary>
    public const string Command = "load-seed";

    /// <summary>Runs and prints to the console; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var url = new Uri(Option(args, "--url", "http://127.0.0.1:5080").TrimEnd('/') + "/v1/events");
        var users = Int(args, "--users", 20_000);
        var items = Int(args, "--items", 100_000);
        var events = Int(args, "--events", 1_500_000);
        var batch = Int(args, "--batch", 5_000);
        var senders = Int(args, "--senders", 2);
        var key = Option(args, "--api-key", string.Empty);
        var usersOut = Option(args, "--users-out", string.Empty);

        var watch = Stopwatch.StartNew();
        var data = SyntheticInteractions.Generate(users, items, events);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {data.UserCount:N0} users x {data.ItemCount:N0} items, {data.Count:N0} events in {watch.Elapsed.TotalSeconds:F1} s"));
        if (usersOut.Length > 0)
        {
            await File.WriteAllLinesAsync(usersOut, UserIds(data.Users.Ids)).ConfigureAwait(false);
        }

        // Bodies are built before the clock starts, so the rate is the server's, not the JSON writer's.
        var bodies = Bodies(data, batch);
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        if (key.Length > 0)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var next = -1;
        var latencies = new double[bodies.Count];
        watch.Restart();
        var tasks = new Task[senders];
        for (var s = 0; s < senders; s++)
        {
            tasks[s] = Task.Run(async () =>
            {
                int k;
                while ((k = Interlocked.Increment(ref next)) < bodies.Count)
                {
                    var start = Stopwatch.GetTimestamp();
                    using var content = new ByteArrayContent(bodies[k]);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await client.PostAsync(url, content).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        var problem = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                        throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"batch {k}: {(int)response.StatusCode} {problem}"));
                    }

                    latencies[k] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            });
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingested {data.Count:N0} events in {bodies.Count:N0} batches of up to {batch:N0} with {senders} senders: {seconds:F1} s, {data.Count / seconds:N0} events/s; batch latency p50 {Percentile(latencies, 0.50):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms"));
        return 0;
    }

    private static List<byte[]> Bodies(Affinity.Core.Data.Dataset data, int batch)
    {
        var byUser = data.ByUser;
        var userIds = data.Users.Ids;
        var itemIds = data.Items.Ids;
        var bodies = new List<byte[]>(data.Count / batch + 1);
        var buffer = new ArrayBufferWriter<byte>(batch * 48);
        var writer = new Utf8JsonWriter(buffer);
        var inBatch = 0;
        for (var u = 0; u < data.UserCount; u++)
        {
            var columns = byUser.RowColumns(u);
            for (var j = 0; j < columns.Length; j++)
            {
                if (inBatch == 0)
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("events");
                }

                writer.WriteStartObject();
                writer.WriteString("userId", "u" + userIds[u]);
                writer.WriteString("itemId", "i" + itemIds[columns[j]]);
                writer.WriteEndObject();
                if (++inBatch == batch)
                {
                    bodies.Add(Finish(writer, buffer));
                    inBatch = 0;
                }
            }
        }

        if (inBatch > 0)
        {
            bodies.Add(Finish(writer, buffer));
        }

        writer.Dispose();
        return bodies;
    }

    private static byte[] Finish(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer)
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        var body = buffer.WrittenSpan.ToArray();
        buffer.ResetWrittenCount();
        writer.Reset();
        return body;
    }

    private static IEnumerable<string> UserIds(IReadOnlyList<string> ids)
    {
        foreach (var id in ids)
        {
            yield return "u" + id;
        }
    }

    private static double Percentile(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    private static int Int(string[] args, string name, int fallback) => int.Parse(Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
