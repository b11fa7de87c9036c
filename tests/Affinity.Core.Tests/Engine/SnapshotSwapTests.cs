using Affinity.Core.Engine;
using static Affinity.Core.Tests.Engine.EngineFixture;

namespace Affinity.Core.Tests.Engine;

public sealed class SnapshotSwapTests
{
    [Fact]
    public void A_swap_keeps_only_the_events_newer_than_the_new_high_water_mark()
    {
        var (_, engine) = NewEngine();
        engine.AddEvent("u0", "i5", 1f, null, Now, 11);
        engine.AddEvent("u0", "i7", 1f, null, Now, 21);
        engine.AddEvent("u1", "i5", 1f, null, Now, 12);

        var (_, next) = NewSnapshot(sequence: 20, version: "v2");
        engine.Activate(next);

        Assert.Same(next, engine.Snapshot);
        Assert.Equal([21L], engine.LiveEvents("u0").Select(e => e.Sequence));
        Assert.Empty(engine.LiveEvents("u1"));
        Assert.Equal(1, engine.LiveUserCount);
        var result = engine.Recommend(new EngineRequest("u0", 1));
        Assert.Equal("v2", result.SnapshotVersion);
        Assert.Equal(20, result.SnapshotSequence);
    }

    [Fact]
    public async Task Readers_running_through_swaps_always_see_one_whole_snapshot()
    {
        // Two models that rank u0 in opposite orders: each result must match its snapshot's list.
        var (_, down) = NewSnapshot(version: "down");
        var (_, up) = NewSnapshot(ascending: true, version: "up");
        var expected = new Dictionary<string, string>
        {
            ["down"] = Ids(new RecommendationEngine(down).Recommend(new EngineRequest("u0", 4))),
            ["up"] = Ids(new RecommendationEngine(up).Recommend(new EngineRequest("u0", 4))),
        };
        Assert.NotEqual(expected["down"], expected["up"]);
        var engine = new RecommendationEngine(down);
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();

        var writer = Task.Run(() =>
        {
            for (var k = 0; k < 400; k++)
            {
                engine.Activate(k % 2 == 0 ? up : down);
                Thread.Yield();
            }

            stop.Cancel();
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var result = engine.Recommend(new EngineRequest("u0", 4));
                Assert.Equal(expected[result.SnapshotVersion!], Ids(result));
                seen.AddOrUpdate(result.SnapshotVersion!, 1, (_, n) => n + 1);
            }
        })).ToArray();

        await Task.WhenAll([writer, .. readers]);
        Assert.True(seen.ContainsKey("up") && seen.ContainsKey("down"));
    }

    [Fact]
    public void Concurrent_writers_and_readers_lose_no_event()
    {
        var (_, engine) = NewEngine();

        Parallel.For(0, 400, k =>
        {
            engine.AddEvent(FormattableString.Invariant($"user{k % 8}"), "i3", 1f, null, Now, Sequence + 1 + k);
            engine.Recommend(new EngineRequest(FormattableString.Invariant($"user{k % 8}"), 2));
        });

        Assert.Equal(400, Enumerable.Range(0, 8).Sum(u => engine.LiveEvents(FormattableString.Invariant($"user{u}")).Count));
    }

    [Fact]
    public void A_catalogue_update_hides_an_item_without_retraining()
    {
        var (_, engine) = NewEngine();
        var model = engine.Snapshot.Model;

        engine.UpdateCatalog(new ItemCatalog(engine.Snapshot.Items, engine.Snapshot.Catalog.Attributes, hidden: ["i2"]));

        Assert.Same(model, engine.Snapshot.Model);
        Assert.Equal("i3 i4 i5", Ids(engine.Recommend(new EngineRequest("u0", 3))));
    }

    [Fact]
    public void Changing_the_blocked_items_keeps_the_publication_times()
    {
        var data = TrainingData();
        var catalog = new ItemCatalog(data.Items, data.ItemAttributes, hidden: ["i1"], published: new Dictionary<string, long> { ["i4"] = 5, ["nope"] = 6 });

        var changed = catalog.WithBlocked(hidden: null, unavailable: ["i2", "nope"]);

        Assert.False(changed.IsHidden(1));
        Assert.True(changed.IsUnavailable(2) && changed.IsBlocked(2));
        Assert.Equal([2], changed.BlockedItems.ToArray());
        Assert.Equal(5, changed.PublishedAt(4));
        Assert.Equal(ItemCatalog.Unknown, changed.PublishedAt(3));
        Assert.Same(data.ItemAttributes, changed.Attributes);
    }

    [Fact]
    public void A_catalogue_of_other_items_is_refused()
    {
        var (_, engine) = NewEngine();

        var other = new ItemCatalog(Affinity.Core.Data.IdMap.FromIds(["x", "y"]));

        Assert.Throws<ArgumentException>(() => engine.UpdateCatalog(other));
    }

    [Fact]
    public void An_unfitted_model_cannot_be_served()
        => Assert.Throws<ArgumentException>(() => new ServingSnapshot(new LineModel(), TrainingData(), 0));
}
