using System.Buffers;
using Affinity.Core.Recommending;

namespace Affinity.Core.Engine;

/// <summary>
/// Serves recommendations from one <see cref="ServingSnapshot"/> at a time, merging in the events that
/// arrived since it was trained, and applying a request's business rules (<see cref="EngineRequest"/>).
/// Thread-safe: any number of concurrent readers, writers adding events and forgetting users, and
/// snapshot swaps.
/// </summary>
/// <remarks>
/// <para><b>Snapshots.</b> <see cref="Activate"/> swaps the snapshot with one atomic reference write;
/// a request reads the reference once and uses that snapshot throughout, so it sees the old or the new
/// one whole. A live event counts only while it is newer than the serving snapshot's
/// <see cref="ServingSnapshot.Sequence"/>, which is checked when a request reads the events (so the
/// new snapshot never counts an event twice, even before the swap's clean-up has run) and enforced by
/// dropping older events after the swap. Rolling back to an older snapshot therefore leaves the events
/// between the two high-water marks in neither until the host replays them (<see cref="AddEvent"/>).</para>
/// <para><b>Routes.</b> A training user without live events gets the model's own recommendations
/// (<see cref="ServingRoute.Model"/>, the fastest route). A user with live events on items the snapshot
/// knows gets their training history merged with those events — implicit values summed per item as
/// the models sum repeated positives, a rating replacing the earlier rating of the same item — and
/// scored through <see cref="IFoldIn.ScoreHistory"/> (<see cref="ServingRoute.FoldIn"/>), so the
/// next request already reflects an event without retraining. A model without <see cref="IFoldIn"/>
/// serves training users from the model and only leaves their live items out. Anyone else gets the
/// most popular items (<see cref="ServingRoute.Fallback"/>). Events on items the snapshot doesn't know
/// are kept but can't be scored until a snapshot trained on them is activated
/// (<see cref="EngineResult.PendingLiveItems"/> counts them).</para>
/// <para><b>Forgetting.</b> <see cref="ForgetUser"/> drops the user's live events and, at once, stops
/// using the user's training history in the snapshot (the model still holds a vector for them, which
/// is never read again): the user is served as a new user with no history until a snapshot trained
/// after the forgetting is activated. The mark is kept, so rolling back to an older snapshot can't bring
/// the history back.</para>
/// <para><b>Explanations.</b> On the model route, the model's own <see cref="IExplainer"/> (none when
/// the model isn't one); on the fold-in route, leave-one-out over the merged history (see
/// <c>FoldInExplanations</c>: one fold-in per history item, at most 64, live items first); on the
/// fallback route, the item's popularity.</para>
/// </remarks>
public sealed class RecommendationEngine
{
    /// <summary>How many candidates per returned item diversity re-ranking chooses from.</summary>
    public const int DiversityPoolFactor = 4;

    private readonly LiveHistories _live = new();
    private readonly TimeProvider _time;
    private ServingSnapshot _snapshot;

    /// <summary>Starts serving <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">The first snapshot.</param>
    /// <param name="time">The clock freshness decay reads when a request gives no "now"; the system clock by default.</param>
    public RecommendationEngine(ServingSnapshot snapshot, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _snapshot = snapshot;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The snapshot being served.</summary>
    public ServingSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>How many users have live events held.</summary>
    public int LiveUserCount => _live.UserCount;

    /// <summary>Serves <paramref name="snapshot"/> from now on, and drops live events it holds (see the remarks).</summary>
    public void Activate(ServingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Interlocked.Exchange(ref _snapshot, snapshot);
        // Another swap may have won meanwhile; never drop what the snapshot now served still needs.
        _live.Prune(Math.Min(snapshot.Sequence, Snapshot.Sequence));
    }

    /// <summary>Serves the current snapshot with another catalogue (hidden, unavailable, publication times), without retraining.</summary>
    /// <exception cref="ArgumentException">The catalogue's items are not the serving snapshot's.</exception>
    public void UpdateCatalog(ItemCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        while (true)
        {
            var current = Snapshot;
            if (ReferenceEquals(Interlocked.CompareExchange(ref _snapshot, current.WithCatalog(catalog), current), current))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Records an event; the user's next request sees it. Returns false, keeping nothing, when the
    /// serving snapshot already holds the event (its sequence is at most the snapshot's) or the user was
    /// forgotten at a later sequence.
    /// </summary>
    /// <param name="userId">The external user id, known to the snapshot or not.</param>
    /// <param name="itemId">The external item id, known to the snapshot or not.</param>
    /// <param name="value">The event's value, weighted as the training values are.</param>
    /// <param name="eventType">The event type, or null.</param>
    /// <param name="timestamp">When it happened, in Unix seconds.</param>
    /// <param name="sequence">The store's sequence number of the event.</param>
    /// <exception cref="ArgumentException">An id is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite.</exception>
    public bool AddEvent(string userId, string itemId, float value, string? eventType, long timestamp, long sequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        if (!float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "An event's value must be finite.");
        }

        return _live.Add(userId, new LiveEvent(itemId, value, eventType, timestamp, sequence), Snapshot.Sequence);
    }

    /// <summary>
    /// Forgets a user at once: drops their live events up to <paramref name="sequence"/> and stops using
    /// their training history in any snapshot trained before <paramref name="sequence"/> (see the remarks).
    /// Returns whether there was anything to forget (live events, or a history in the serving snapshot).
    /// </summary>
    /// <param name="userId">The external user id.</param>
    /// <param name="sequence">The store's sequence at the deletion: later events of the same id are a new history.</param>
    /// <exception cref="ArgumentException">The id is blank.</exception>
    public bool ForgetUser(string userId, long sequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var snapshot = Snapshot;
        var known = snapshot.Sequence < sequence && snapshot.Users.Contains(userId);
        return _live.Forget(userId, sequence) | known;
    }

    /// <summary>The user's live events that the serving snapshot doesn't hold, in sequence order.</summary>
    public IReadOnlyList<LiveEvent> LiveEvents(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return _live.Read(userId, Math.Max(Snapshot.Sequence, _live.ForgottenAt(userId)));
    }

    /// <summary>
    /// The external ids of the items in the user's serving history: the snapshot's training row (unless
    /// the user was forgotten since) and the live events after it, each item once, snapshot items first.
    /// Hosts use it to score items the model cannot (items added after the snapshot) by content.
    /// </summary>
    public IReadOnlyList<string> HistoryItems(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var snapshot = Snapshot;
        var forgottenAt = _live.ForgottenAt(userId);
        var user = forgottenAt > snapshot.Sequence ? -1 : snapshot.Users.IndexOf(userId);
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if ((uint)user < (uint)snapshot.Seen.RowCount)
        {
            foreach (var item in snapshot.Seen.RowColumns(user))
            {
                if (seen.Add(snapshot.Items[item]))
                {
                    ids.Add(snapshot.Items[item]);
                }
            }
        }

        foreach (var e in _live.Read(userId, Math.Max(snapshot.Sequence, forgottenAt)))
        {
            if (seen.Add(e.ItemId))
            {
                ids.Add(e.ItemId);
            }
        }

        return ids;
    }

    /// <summary>Recommends for one user under the request's rules.</summary>
    /// <exception cref="ArgumentException">A filter or boost names a field the catalogue lacks, or of another kind.</exception>
    public EngineResult Recommend(EngineRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var snapshot = Snapshot;
        var forgottenAt = _live.ForgottenAt(request.UserId);
        var user = forgottenAt > snapshot.Sequence ? -1 : snapshot.Users.IndexOf(request.UserId);
        var live = _live.Read(request.UserId, Math.Max(snapshot.Sequence, forgottenAt));
        var rules = RuleSet.For(snapshot, request, request.Now ?? _time.GetUtcNow().ToUnixTimeSeconds());
        var pins = Pins(snapshot, request, rules);
        var organic = request.Count - pins.Length;
        var poolSize = request.Diversity is null ? organic : (int)Math.Min(snapshot.ItemCount, (long)organic * DiversityPoolFactor);
        var history = live.Length > 0 ? MergedHistory.Build(snapshot, user, live) : null;
        var pending = history?.PendingItems ?? 0;
        if (history is { LiveItems: > 0 } && snapshot.Model is IFoldIn foldIn)
        {
            return Scored(snapshot, request, ServingRoute.FoldIn, user, history, rules, pins, organic, poolSize, pending, (scores, items, values) => foldIn.ScoreHistory(items, values, scores));
        }

        if (user >= 0)
        {
            var liveSeen = request.ExcludeSeen && history is not null ? history.Items : [];
            var pool = CandidatePool.FromModel(snapshot, user, request.ExcludeSeen, Union(PinnedItems(pins), liveSeen), rules, poolSize, out var source);
            var placed = ResultAssembly.Assemble(pool, organic, pins, request.Diversity, snapshot.Similarity, item => (0f, RulesOf(rules, item)));
            var route = source == RecommendationSource.Fallback ? ServingRoute.Fallback : ServingRoute.Model;
            var explanations = request.Explain ? ExplainModel(snapshot, route, user, placed, request.MaxReasons) : null;
            return Result(snapshot, request, route, placed, explanations, pending);
        }

        return Scored(snapshot, request, ServingRoute.Fallback, user, history, rules, pins, organic, poolSize, pending, (scores, _, _) => snapshot.Popularity.CopyTo(scores));
    }

    /// <summary>
    /// The items most like <paramref name="itemId"/>, through the model's <see cref="ISimilarItems"/> when it
    /// has it, else the snapshot's <see cref="ServingSnapshot.Similarity"/> (items with a positive
    /// similarity only). Hidden and unavailable items and items failing a filter are left out; an
    /// unknown item gets an empty list.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative.</exception>
    /// <exception cref="ArgumentException">A filter names a field the catalogue lacks.</exception>
    public IReadOnlyList<EngineItem> Similar(string itemId, int count, IReadOnlyList<ItemFilter>? filters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var snapshot = Snapshot;
        var rules = RuleSet.For(snapshot, filters);
        if (!snapshot.Items.TryGetIndex(itemId, out var item) || count == 0)
        {
            return [];
        }

        var pool = snapshot.Model is ISimilarItems model
            ? SimilarFromModel(model, snapshot.ItemCount, item, count, rules)
            : SimilarFromSimilarity(snapshot, item, count, rules);
        var items = new EngineItem[pool.Count];
        for (var k = 0; k < items.Length; k++)
        {
            items[k] = new EngineItem(snapshot.Items[pool.Items[k]], pool.Items[k], pool.Scores[k], k, AppliedRules.None, null);
        }

        return items;
    }

    /// <summary>The most popular items of the training data (most interactions first) that pass the filters, never hidden or unavailable ones.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative.</exception>
    /// <exception cref="ArgumentException">A filter names a field the catalogue lacks.</exception>
    public IReadOnlyList<EngineItem> Popular(int count, IReadOnlyList<ItemFilter>? filters = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var snapshot = Snapshot;
        var rules = RuleSet.For(snapshot, filters);
        var scores = snapshot.Popularity.ToArray();
        var pool = CandidatePool.FromScores(scores, [], [], rules, count);
        var items = new EngineItem[pool.Count];
        for (var k = 0; k < items.Length; k++)
        {
            items[k] = new EngineItem(snapshot.Items[pool.Items[k]], pool.Items[k], pool.Scores[k], k, AppliedRules.None, null);
        }

        return items;
    }

    private delegate void FullScorer(Span<float> scores, ReadOnlySpan<int> items, ReadOnlySpan<float> values);

    private static EngineResult Scored(ServingSnapshot snapshot, EngineRequest request, ServingRoute route, int user, MergedHistory? history, RuleSet rules, (int Item, int Position)[] pins, int organic, int poolSize, int pending, FullScorer score)
    {
        var n = snapshot.ItemCount;
        var rented = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var scores = rented.AsSpan(0, n);
            var historyItems = history?.Items ?? [];
            score(scores, historyItems, history?.Values ?? []);
            var seen = request.ExcludeSeen ? historyItems : [];
            var pool = CandidatePool.FromScores(scores, seen, PinnedItems(pins), rules, poolSize);
            // Pinned items were left out of the pool, so their scores are still raw and adjust like any other.
            var placed = ResultAssembly.Assemble(pool, organic, pins, request.Diversity, snapshot.Similarity, item =>
            {
                var adjusted = rules.Adjust(item, rented[item], out var applied);
                return (adjusted, applied);
            });
            Explanation[]? explanations = null;
            if (request.Explain)
            {
                explanations = route == ServingRoute.FoldIn
                    ? FoldInExplanations.Explain((IFoldIn)snapshot.Model, n, history!, user, ItemsOf(placed), request.MaxReasons)
                    : ExplainModel(snapshot, route, user, placed, request.MaxReasons);
            }

            return Result(snapshot, request, route, placed, explanations, pending);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static EngineResult Result(ServingSnapshot snapshot, EngineRequest request, ServingRoute route, List<Placed> placed, Explanation[]? explanations, int pending)
    {
        var items = new EngineItem[placed.Count];
        for (var k = 0; k < items.Length; k++)
        {
            var p = placed[k];
            items[k] = new EngineItem(snapshot.Items[p.Item], p.Item, p.Score, k, p.Rules, explanations?[k]);
        }

        return new EngineResult(request.UserId, route, items, snapshot.Sequence, snapshot.Version, pending);
    }

    private static Explanation[]? ExplainModel(ServingSnapshot snapshot, ServingRoute route, int user, List<Placed> placed, int maxReasons)
    {
        var explanations = new Explanation[placed.Count];
        for (var k = 0; k < placed.Count; k++)
        {
            var item = placed[k].Item;
            if (route == ServingRoute.Model)
            {
                if (snapshot.Model is not IExplainer explainer)
                {
                    return null;
                }

                explanations[k] = explainer.Explain(user, item, maxReasons);
            }
            else
            {
                var popularity = snapshot.Popularity[item];
                explanations[k] = new Explanation(user, item, popularity, maxReasons == 0 ? [] : [new Reason(ReasonKind.Popularity, popularity)]);
            }
        }

        return explanations;
    }

    /// <summary>The pins that can act: known, allowed (<see cref="RuleSet.MayPin"/>) and inside the requested count; by position.</summary>
    private static (int Item, int Position)[] Pins(ServingSnapshot snapshot, EngineRequest request, RuleSet rules)
    {
        if (request.Pins is not { Count: > 0 } pins)
        {
            return [];
        }

        var list = new List<(int Item, int Position)>(pins.Count);
        foreach (var pin in pins)
        {
            if (pin.Position < request.Count && snapshot.Items.TryGetIndex(pin.ItemId, out var item) && rules.MayPin(item))
            {
                list.Add((item, pin.Position));
            }
        }

        list.Sort(static (a, b) => a.Position.CompareTo(b.Position));
        return [.. list];
    }

    private static int[] PinnedItems((int Item, int Position)[] pins)
    {
        var items = new int[pins.Length];
        for (var k = 0; k < pins.Length; k++)
        {
            items[k] = pins[k].Item;
        }

        Array.Sort(items);
        return items;
    }

    private static int[] Union(int[] a, int[] b)
    {
        if (b.Length == 0)
        {
            return a;
        }

        var all = new int[a.Length + b.Length];
        a.CopyTo(all, 0);
        b.CopyTo(all, a.Length);
        return all;
    }

    private static AppliedRules RulesOf(RuleSet rules, int item)
    {
        rules.Adjust(item, 0, out var applied);
        return applied;
    }

    private static int[] ItemsOf(List<Placed> placed)
    {
        var items = new int[placed.Count];
        for (var k = 0; k < items.Length; k++)
        {
            items[k] = placed[k].Item;
        }

        return items;
    }

    private static CandidatePool SimilarFromModel(ISimilarItems model, int itemCount, int item, int count, RuleSet rules)
    {
        var fetch = Math.Min(itemCount, Math.Max(2 * count, count + 10));
        while (true)
        {
            var similar = model.SimilarItems(item, fetch);
            var items = new List<int>(similar.Count);
            var scores = new List<float>(similar.Count);
            foreach (var s in similar)
            {
                if ((uint)s.Item < (uint)itemCount && s.Item != item && rules.Passes(s.Item))
                {
                    items.Add(s.Item);
                    scores.Add(s.Score);
                }
            }

            if (items.Count >= count || similar.Count < fetch || fetch >= itemCount)
            {
                return CandidatePool.Sorted([.. items], [.. scores], new AppliedRules[items.Count], count);
            }

            fetch = (int)Math.Min(itemCount, 2L * fetch);
        }
    }

    private static CandidatePool SimilarFromSimilarity(ServingSnapshot snapshot, int item, int count, RuleSet rules)
    {
        var similarity = snapshot.Similarity;
        var scores = new float[snapshot.ItemCount];
        for (var i = 0; i < scores.Length; i++)
        {
            var s = i == item ? 0 : similarity.Similarity(item, i);
            scores[i] = s > 0 ? s : float.NaN;
        }

        return CandidatePool.FromScores(scores, [], [], rules, count);
    }
}
