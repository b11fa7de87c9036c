namespace Affinity.Storage.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Append_and_read_round_trip_every_field()
    {
        // Sub-millisecond parts are dropped: 123.4567 ms is kept as 123 ms.
        var precise = T0.AddTicks(1_234_567);
        var first = await Store.Events.AppendAsync(new NewEvent("alice", "book-1", "purchase", 2.5f, precise), None);
        var second = await Store.Events.AppendAsync(new NewEvent("bob", "book-2", "rating", -0.125f, T0.AddDays(-400)), None);

        var events = await All(Store.Events.ReadAllAsync(None));

        Assert.Equal([1L, 2L], [first, second]);
        Assert.Equal(new StoredEvent(1, "alice", "book-1", "purchase", 2.5f, T0.AddMilliseconds(123)), events[0]);
        Assert.Equal(new StoredEvent(2, "bob", "book-2", "rating", -0.125f, T0.AddDays(-400)), events[1]);
        Assert.Equal(TimeSpan.Zero, events[0].Timestamp.Offset);
        Assert.Equal(2, await Store.Events.GetHighWaterMarkAsync(None));
    }

    [Fact]
    public async Task A_batch_gets_consecutive_numbers_and_reads_since_a_number()
    {
        await Store.Events.AppendAsync(Event("u0", "i0"), None);
        var batch = Enumerable.Range(1, 200).Select(i => Event($"u{i % 3}", $"i{i}", i, seconds: i)).ToArray();

        var range = await Store.Events.AppendBatchAsync(batch, None);
        var since = await All(Store.Events.ReadSinceAsync(150, None));
        var window = await All(Store.Events.ReadAsync(10, 12, None));

        Assert.Equal(new SequenceRange(2, 200), range);
        Assert.Equal(201, range.Last);
        Assert.Equal(Enumerable.Range(151, 51).Select(i => (long)i), since.Select(e => e.Sequence));
        Assert.Equal("i150", since[0].ItemId); // sequence 151 is batch element 150
        Assert.Equal([11L, 12L], window.Select(e => e.Sequence));
        Assert.Equal(default, await Store.Events.AppendBatchAsync([], None));
    }

    public static TheoryData<string, NewEvent> BadEvents => new()
    {
        { "userId", new NewEvent("", "i", "view", 1, T0) },
        { "userId", new NewEvent("  ", "i", "view", 1, T0) },
        { "itemId", new NewEvent("u", new string('x', StoreLimits.MaxIdLength + 1), "view", 1, T0) },
        { "itemId", new NewEvent("u", "bad\0id", "view", 1, T0) },
        { "eventType", new NewEvent("u", "i", "", 1, T0) },
        { "value", new NewEvent("u", "i", "view", float.NaN, T0) },
        { "value", new NewEvent("u", "i", "view", float.PositiveInfinity, T0) },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task A_bad_event_rejects_the_whole_batch_and_keeps_what_was_stored(string field, NewEvent bad)
    {
        await Store.Events.AppendAsync(Event("kept", "i0"), None);
        NewEvent[] batch = [Event("new", "unknown-item-is-fine"), Event("new", "i2"), bad, Event("new", "i3")];

        var e = await Record.ExceptionAsync(() => Store.Events.AppendBatchAsync(batch, None));
        var single = await Record.ExceptionAsync(() => Store.Events.AppendAsync(bad, None));

        var error = AssertRejected(e!, field);
        Assert.Equal(3, error.Line); // the bad event's 1-based position in the batch
        AssertRejected(single!, field);
        var stored = await All(Store.Events.ReadAllAsync(None));
        Assert.Equal("kept", Assert.Single(stored).UserId);
    }

    [Fact]
    public async Task Reads_one_users_events_and_deletes_them()
    {
        await Store.Events.AppendBatchAsync([Event("a", "x"), Event("b", "x"), Event("a", "y"), Event("a", "z")], None);

        var a = await All(Store.Events.ReadUserAsync("a", None));
        var deleted = await Store.Events.DeleteUserAsync("a", None);

        Assert.Equal(["x", "y", "z"], a.Select(e => e.ItemId));
        Assert.Equal([1L, 3L, 4L], a.Select(e => e.Sequence));
        Assert.Equal(3, deleted);
        Assert.Empty(await All(Store.Events.ReadUserAsync("a", None)));
        Assert.Equal("b", Assert.Single(await All(Store.Events.ReadAllAsync(None))).UserId);
    }

    [Fact]
    public async Task Forget_user_removes_their_events_and_record_and_nothing_else()
    {
        await Store.Users.UpsertAsync(new UserRecord("gone", EntityAttributes.Empty), None);
        await Store.Users.UpsertAsync(new UserRecord("stays", EntityAttributes.Empty), None);
        await Store.Events.AppendBatchAsync([Event("gone", "x"), Event("stays", "x"), Event("gone", "y")], None);

        var result = await Store.ForgetUserAsync("gone", None);
        var again = await Store.ForgetUserAsync("gone", None);

        Assert.Equal(new ForgetResult(2, true), result);
        Assert.Equal(new ForgetResult(0, false), again);
        Assert.Null(await Store.Users.GetAsync("gone", None));
        Assert.NotNull(await Store.Users.GetAsync("stays", None));
        var left = Assert.Single(await All(Store.Events.ReadAllAsync(None)));
        Assert.Equal(("stays", 2L), (left.UserId, left.Sequence));
    }

    [Fact]
    public async Task Sequence_numbers_are_never_reused_after_the_newest_events_are_deleted()
    {
        await Store.Events.AppendBatchAsync([Event("a", "x"), Event("b", "x"), Event("b", "y")], None);
        await Store.ForgetUserAsync("b", None);

        var next = await Store.Events.AppendAsync(Event("c", "z"), None);

        Assert.Equal(4, next);
        Assert.Equal(4, await Store.Events.GetHighWaterMarkAsync(None));
    }

    [Fact]
    public async Task Concurrent_appends_from_many_tasks_are_all_stored_with_distinct_numbers()
    {
        // 8 tasks x (20 single appends + 2 batches of 10) = 320 events.
        var tasks = Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await Store.Events.AppendAsync(Event($"t{t}", $"single-{i}"), None);
            }

            for (var b = 0; b < 2; b++)
            {
                var range = await Store.Events.AppendBatchAsync([.. Enumerable.Range(0, 10).Select(i => Event($"t{t}", $"batch-{b}-{i}"))], None);
                Assert.Equal(10, range.Count);
            }
        }));
        await Task.WhenAll(tasks);

        var events = await All(Store.Events.ReadAllAsync(None));

        Assert.Equal(320, events.Count);
        Assert.Equal(Enumerable.Range(1, 320).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.All(Enumerable.Range(0, 8), t => Assert.Equal(40, events.Count(e => e.UserId == $"t{t}")));
        // A batch is contiguous: batch-0-0 .. batch-0-9 of one task follow each other.
        var firstBatch = events.Where(e => e.UserId == "t3" && e.ItemId.StartsWith("batch-0-", StringComparison.Ordinal)).Select(e => e.Sequence).ToArray();
        Assert.Equal(firstBatch[0] + 9, firstBatch[^1]);
    }
}
