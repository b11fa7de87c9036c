using System.Collections.Concurrent;

namespace Affinity.Core.Engine;

/// <summary>
/// The events of every user since the snapshot, and the users forgotten since then. Thread-safe: one
/// lock per user for that user's list, so writers to different users never wait on each other and a
/// reader copies one user's events under that user's lock.
/// </summary>
internal sealed class LiveHistories
{
    private static readonly Comparison<LiveEvent> BySequence = static (a, b) => a.Sequence.CompareTo(b.Sequence);

    private readonly ConcurrentDictionary<string, UserEvents> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _forgotten = new(StringComparer.Ordinal);

    public int UserCount => _users.Count;

    /// <summary>The sequence at which the user was forgotten, or <see cref="long.MinValue"/>.</summary>
    public long ForgottenAt(string user) => _forgotten.TryGetValue(user, out var sequence) ? sequence : long.MinValue;

    /// <summary>Adds the event unless it is not newer than <paramref name="floor"/> or than the user's forgetting.</summary>
    public bool Add(string user, LiveEvent e, long floor)
    {
        while (true)
        {
            if (e.Sequence <= Math.Max(floor, ForgottenAt(user)))
            {
                return false;
            }

            var events = _users.GetOrAdd(user, static _ => new UserEvents());
            lock (events)
            {
                // A prune or a forget may have emptied and unlinked this list after we found it.
                if (!events.Removed)
                {
                    events.List.Add(e);
                    return true;
                }
            }
        }
    }

    /// <summary>The user's events newer than <paramref name="floor"/>, in sequence order (a copy).</summary>
    public LiveEvent[] Read(string user, long floor)
    {
        if (!_users.TryGetValue(user, out var events))
        {
            return [];
        }

        LiveEvent[] copy;
        lock (events)
        {
            var count = 0;
            foreach (var e in events.List)
            {
                count += e.Sequence > floor ? 1 : 0;
            }

            if (count == 0)
            {
                return [];
            }

            copy = new LiveEvent[count];
            var k = 0;
            foreach (var e in events.List)
            {
                if (e.Sequence > floor)
                {
                    copy[k++] = e;
                }
            }
        }

        Array.Sort(copy, BySequence);
        return copy;
    }

    /// <summary>Drops the user's events up to <paramref name="sequence"/> and marks the user forgotten at it; true when events were dropped.</summary>
    public bool Forget(string user, long sequence)
    {
        var marked = _forgotten.AddOrUpdate(user, sequence, (_, old) => Math.Max(old, sequence));
        return _users.TryGetValue(user, out var events) && Drop(user, events, marked);
    }

    /// <summary>Drops every event at or below <paramref name="sequence"/>, which a new snapshot holds.</summary>
    public void Prune(long sequence)
    {
        foreach (var (user, events) in _users)
        {
            Drop(user, events, sequence);
        }
    }

    private bool Drop(string user, UserEvents events, long sequence)
    {
        lock (events)
        {
            var removed = events.List.RemoveAll(e => e.Sequence <= sequence);
            if (events.List.Count == 0 && !events.Removed)
            {
                events.Removed = true;
                _users.TryRemove(new KeyValuePair<string, UserEvents>(user, events));
            }

            return removed > 0;
        }
    }

    private sealed class UserEvents
    {
        public List<LiveEvent> List { get; } = [];

        public bool Removed { get; set; }
    }
}
