// Appends events to the SQLite store given as the first argument, alternating single appends and
// batches of three, and writes one line per acknowledged append: "FIRST COUNT ROUND". It never stops
// by itself: the durability test kills it hard in the middle of its work.
using System.Globalization;
using Affinity.Storage;
using Affinity.Storage.Sqlite;

var store = await SqliteStore.OpenAsync(args[0]);
for (var round = 0; ; round++)
{
    var events = new NewEvent[round % 2 == 0 ? 1 : 3];
    for (var j = 0; j < events.Length; j++)
    {
        events[j] = Probe.Event(round, j);
    }

    var range = events.Length == 1
        ? new SequenceRange(await store.Events.AppendAsync(events[0], CancellationToken.None), 1)
        : await store.Events.AppendBatchAsync(events, CancellationToken.None);
    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{range.First} {range.Count} {round}"));
    Console.Out.Flush();
}

/// <summary>The events the probe writes, so the test can check what it finds against what was acknowledged.</summary>
internal static class Probe
{
    public static NewEvent Event(int round, int index) => new(
        string.Create(CultureInfo.InvariantCulture, $"user-{round % 5}"),
        string.Create(CultureInfo.InvariantCulture, $"item-{round}-{index}"),
        "view",
        round + (index / 10f),
        DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + round));
}
