using System.Collections.Concurrent;
using Affinity.Core.Engine;
using Affinity.Core.Features;
using Affinity.Core.Profiles;
using Affinity.Storage;

namespace Affinity.Server.Serving;

/// <summary>
/// The service's state over one store: the <see cref="RecommendationEngine"/> and what it serves,
/// the catalogue flags, and the writes that must reach both the store and the engine. A write is
/// acknowledged only after the store's call returns (durable), and reaches the engine right after,
/// so the user's next request sees it.
/// </summary>
/// <remarks>
/// Model swaps are serialised by one lock and each is one <see cref="RecommendationEngine.Activate"/>
/// (an atomic reference swap): requests see the old snapshot or the new one whole. Swapping to a
/// snapshot older than the one served (a rollback) replays the events between the two high-water
/// marks from the store, since the engine kept only those after the newer one.
/// <para>While no model is active, the popularity fallback is rebuilt from the log after events arrive
/// (at most one rebuild at a time, each waiting <c>fallbackRefresh</c> first so that a burst of events
/// costs one read of the log), so new items and shifting popularity reach <c>/v1/popular</c> and
/// unknown users without a model. A failed rebuild keeps serving the previous fallback; the next event
/// schedules another.</para>
/// </remarks>
internal sealed class ModelHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _swap = new(1, 1);
    private readonly Lock _catalogLock = new();
    private readonly ConcurrentDictionary<string, ItemRecord> _items;
    private ServedModel _served;
    private Lazy<UserProfileBuilder> _profiles;
    private Lazy<NewItemShelf> _newItems;
    private readonly TimeSpan _fallbackRefresh;
    private long _eventsIngested;
    private int _refreshScheduled;
    private Task _fallbackRefreshTask = Task.CompletedTask;

    private ModelHost(IStore store, ConcurrentDictionary<string, ItemRecord> items, ServedModel served, TimeSpan fallbackRefresh)
    {
        Store = store;
        _fallbackRefresh = fallbackRefresh;
        _items = items;
        _served = served;
        _profiles = ProfilesOf(served);
        Engine = new RecommendationEngine(served.Snapshot);
        _newItems = ShelfOf(served.Snapshot);
    }

    public IStore Store { get; }

    public RecommendationEngine Engine { get; }

    /// <summary>What is served now.</summary>
    public ServedModel Served => Volatile.Read(ref _served);

    /// <summary>Events acknowledged since the server started.</summary>
    public long EventsIngested => Interlocked.Read(ref _eventsIngested);

    /// <summary>Profiles over the served cut of the store.</summary>
    public UserProfileBuilder Profiles => Volatile.Read(ref _profiles).Value;

    /// <summary>The catalogue items the served model cannot score, for the content route.</summary>
    public NewItemShelf NewItems => Volatile.Read(ref _newItems).Value;

    /// <summary>The latest scheduled rebuild of the popularity fallback (completed when none is pending), for tests and shutdown.</summary>
    public Task FallbackRefresh => Volatile.Read(ref _fallbackRefreshTask);

    /// <summary>
    /// Opens the serving state: the active model if the registry has one, else popularity over the log,
    /// then the events since. <paramref name="fallbackRefresh"/> is how long a rebuild of the fallback
    /// waits to gather events (null: one second).
    /// </summary>
    public static async Task<ModelHost> StartAsync(IStore store, CancellationToken cancellationToken, TimeSpan? fallbackRefresh = null)
    {
        var wait = fallbackRefresh ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero, nameof(fallbackRefresh));
        var items = new ConcurrentDictionary<string, ItemRecord>(StringComparer.Ordinal);
        await foreach (var item in store.Items.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            items[item.Id] = item;
        }

        var active = await store.Models.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        var served = active is null
            ? await ServedModelLoader.FallbackAsync(store, items, cancellationToken).ConfigureAwait(false)
            : await ServedModelLoader.LoadAsync(store, active, items, cancellationToken).ConfigureAwait(false);
        var host = new ModelHost(store, items, served, wait);
        await host.CatchUpAsync(served, long.MaxValue, cancellationToken).ConfigureAwait(false);
        return host;
    }

    /// <summary>Appends events (one batch, atomically) and hands each to the engine with its sequence.</summary>
    public async Task<SequenceRange> AppendAsync(IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        var range = events.Count == 1
            ? new SequenceRange(await Store.Events.AppendAsync(events[0], cancellationToken).ConfigureAwait(false), 1)
            : await Store.Events.AppendBatchAsync(events, cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < events.Count; k++)
        {
            var e = events[k];
            Engine.AddEvent(e.UserId, e.ItemId, e.Value, e.EventType, e.Timestamp.ToUnixTimeSeconds(), range.First + k);
        }

        Interlocked.Add(ref _eventsIngested, events.Count);
        ScheduleFallbackRefresh();
        return range;
    }

    /// <summary>Stores the item and serves its hidden and available flags at once.</summary>
    public async Task UpsertItemAsync(ItemRecord item, CancellationToken cancellationToken)
    {
        await Store.Items.UpsertAsync(item, cancellationToken).ConfigureAwait(false);
        lock (_catalogLock)
        {
            _items[item.Id] = item;
            var hidden = ServedModelLoader.Blocked(_items, hidden: true);
            var unavailable = ServedModelLoader.Blocked(_items, hidden: false);
            Engine.UpdateCatalog(Engine.Snapshot.Catalog.WithBlocked(hidden, unavailable));
            Volatile.Write(ref _newItems, ShelfOf(Engine.Snapshot));
        }
    }

    /// <summary>Removes the user from the store and, at once, from the engine.</summary>
    public async Task<(ForgetResult Stored, bool Live)> ForgetAsync(string userId, CancellationToken cancellationToken)
    {
        var result = await Store.ForgetUserAsync(userId, cancellationToken).ConfigureAwait(false);
        var mark = await Store.Events.GetHighWaterMarkAsync(cancellationToken).ConfigureAwait(false);
        var live = Engine.ForgetUser(userId, Math.Max(mark, Engine.Snapshot.Sequence + 1));
        return (result, live);
    }

    /// <summary>Activates a registered model: loads it whole, marks it active in the registry, then swaps it in.</summary>
    /// <exception cref="KeyNotFoundException">No such model.</exception>
    /// <exception cref="InvalidOperationException">The model is training or failed.</exception>
    /// <exception cref="InvalidDataException">The model file cannot be served.</exception>
    public async Task<ModelInfo> ActivateAsync(long modelId, CancellationToken cancellationToken)
    {
        await _swap.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var info = await Store.Models.GetAsync(modelId, cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"There is no model {modelId}.");
            if (info.Status is ModelStatus.Training or ModelStatus.Failed)
            {
                throw new InvalidOperationException($"Model {modelId} is {info.Status}; only a ready or retired model can be activated.");
            }

            var served = await ServedModelLoader.LoadAsync(Store, info, _items, cancellationToken).ConfigureAwait(false);
            await Store.Models.ActivateAsync(modelId, cancellationToken).ConfigureAwait(false);
            await SwapAsync(served with { Info = info with { Status = ModelStatus.Active } }, cancellationToken).ConfigureAwait(false);
            return info with { Status = ModelStatus.Active };
        }
        finally
        {
            _swap.Release();
        }
    }

    /// <summary>Returns to the model active before the current one, in the registry and the engine.</summary>
    /// <exception cref="InvalidOperationException">There is no earlier model.</exception>
    public async Task<ModelInfo> RollBackAsync(CancellationToken cancellationToken)
    {
        await _swap.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var info = await Store.Models.RollBackAsync(cancellationToken).ConfigureAwait(false);
            var served = await ServedModelLoader.LoadAsync(Store, info, _items, cancellationToken).ConfigureAwait(false);
            await SwapAsync(served, cancellationToken).ConfigureAwait(false);
            return info;
        }
        finally
        {
            _swap.Release();
        }
    }

    /// <summary>The engine's item index of an id in the profile data, when known.</summary>
    public static FeatureMatrix Features(ServedModel served) => FeatureEncoder.Encode(served.Cut.ItemAttributes);

    private async Task SwapAsync(ServedModel served, CancellationToken cancellationToken)
    {
        var previous = Engine.Snapshot.Sequence;
        Engine.Activate(served.Snapshot);
        Volatile.Write(ref _profiles, ProfilesOf(served));
        Volatile.Write(ref _newItems, ShelfOf(served.Snapshot));
        Volatile.Write(ref _served, served);
        await CatchUpAsync(served, previous, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Forgets the training users the store no longer has, then replays the events after the snapshot up
    /// to <paramref name="through"/> (the engine already holds the later ones).
    /// </summary>
    private async Task CatchUpAsync(ServedModel served, long through, CancellationToken cancellationToken)
    {
        var sequence = served.Snapshot.Sequence;
        foreach (var user in served.ForgottenUsers)
        {
            // The forgetting happened after training; later events of the same id are a new history.
            Engine.ForgetUser(user, sequence + 1);
        }

        if (through <= sequence)
        {
            return;
        }

        await foreach (var e in Store.Events.ReadAsync(sequence, through, cancellationToken).ConfigureAwait(false))
        {
            Engine.AddEvent(e.UserId, e.ItemId, e.Value, e.EventType, e.Timestamp.ToUnixTimeSeconds(), e.Sequence);
        }
    }

    /// <summary>Stops a pending fallback rebuild and waits for it, so that nothing reads the store after it closes.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await FallbackRefresh.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void ScheduleFallbackRefresh()
    {
        if (!Served.IsFallback || Interlocked.CompareExchange(ref _refreshScheduled, 1, 0) != 0)
        {
            return;
        }

        Volatile.Write(ref _fallbackRefreshTask, Task.Run(RefreshFallbackAsync));
    }

    private async Task RefreshFallbackAsync()
    {
        try
        {
            if (_fallbackRefresh > TimeSpan.Zero)
            {
                await Task.Delay(_fallbackRefresh, _stopping.Token).ConfigureAwait(false);
            }

            // Cleared before the log is read: an event appended from here on schedules another rebuild,
            // so none is left out of the fallback for longer than one more wait.
            Volatile.Write(ref _refreshScheduled, 0);
            await _swap.WaitAsync(_stopping.Token).ConfigureAwait(false);
            try
            {
                if (Served.IsFallback)
                {
                    var served = await ServedModelLoader.FallbackAsync(Store, _items, _stopping.Token).ConfigureAwait(false);
                    await SwapAsync(served, _stopping.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _swap.Release();
            }
        }
#pragma warning disable CA1031 // A failed rebuild (the store closing at shutdown, a transient error) leaves the previous fallback served.
        catch (Exception)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _refreshScheduled, 0);
        }
    }

    private Lazy<NewItemShelf> ShelfOf(ServingSnapshot snapshot)
        => new(() => NewItemShelf.Build(snapshot.Items, _items), LazyThreadSafetyMode.ExecutionAndPublication);

    private static Lazy<UserProfileBuilder> ProfilesOf(ServedModel served)
        => new(() => new UserProfileBuilder(served.Cut, Features(served)), LazyThreadSafetyMode.ExecutionAndPublication);
}
