using Affinity.Core.Data.Attributes;

namespace Affinity.Core.Data;

/// <summary>
/// An immutable set of interactions between users and items, with the id maps, per-interaction
/// value, optional timestamp and event type, CSR matrices in both orientations and the user and
/// item attribute tables. "Changing" a dataset (a split, a filter, a new value column) returns a new
/// one that shares the id maps and attributes, so dense indexes stay comparable across all of them.
/// </summary>
/// <remarks>
/// Interaction <c>i</c> is (<c>UserIndexes[i]</c>, <c>ItemIndexes[i]</c>, <c>Values[i]</c>,
/// <c>Timestamps[i]</c>, <c>EventTypes[i]</c>). The CSR entries carry <see cref="CsrMatrix.EntryIds"/>
/// back to <c>i</c>. A dataset may hold repeated (user, item) pairs, as an event log does;
/// the cleaning step aggregates them (see <see cref="HasRepeatedPairs"/>).
/// </remarks>
public sealed class Dataset
{
    private readonly int[] _users;
    private readonly int[] _items;
    private readonly float[] _values;
    private readonly long[]? _timestamps;
    private readonly int[]? _eventTypes;
    private CsrMatrix? _byUser;
    private CsrMatrix? _byItem;
    private bool? _hasRepeatedPairs;

    /// <summary>Creates a dataset from interaction arrays that the dataset then owns.</summary>
    /// <exception cref="ArgumentException">Lengths differ, an index is out of range, or a value is not finite.</exception>
    public Dataset(
        string name,
        FeedbackKind kind,
        IdMap users,
        IdMap items,
        int[] userIndexes,
        int[] itemIndexes,
        float[] values,
        long[]? timestamps = null,
        int[]? eventTypes = null,
        IdMap? eventTypeNames = null,
        AttributeTable? userAttributes = null,
        AttributeTable? itemAttributes = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(userIndexes);
        ArgumentNullException.ThrowIfNull(itemIndexes);
        ArgumentNullException.ThrowIfNull(values);
        var n = userIndexes.Length;
        if (itemIndexes.Length != n || values.Length != n || (timestamps is not null && timestamps.Length != n) || (eventTypes is not null && eventTypes.Length != n))
        {
            throw new ArgumentException("Every interaction array must have the same length.", nameof(values));
        }

        if (eventTypes is not null && eventTypeNames is null)
        {
            throw new ArgumentException("Event types need their names.", nameof(eventTypeNames));
        }

        for (var i = 0; i < n; i++)
        {
            if ((uint)userIndexes[i] >= (uint)users.Count || (uint)itemIndexes[i] >= (uint)items.Count)
            {
                throw new ArgumentException($"Interaction {i} refers to user {userIndexes[i]} or item {itemIndexes[i]} outside the id maps.", nameof(userIndexes));
            }

            if (!float.IsFinite(values[i]))
            {
                throw new ArgumentException($"Interaction {i} has the value {values[i]}.", nameof(values));
            }

            if (eventTypes is not null && (uint)eventTypes[i] >= (uint)eventTypeNames!.Count)
            {
                throw new ArgumentException($"Interaction {i} has the unknown event type {eventTypes[i]}.", nameof(eventTypes));
            }
        }

        Name = name;
        Kind = kind;
        Users = users;
        Items = items;
        _users = userIndexes;
        _items = itemIndexes;
        _values = values;
        _timestamps = timestamps;
        _eventTypes = eventTypes;
        EventTypeNames = eventTypeNames ?? IdMap.Empty;
        UserAttributes = userAttributes ?? AttributeTable.Empty(users.Count);
        ItemAttributes = itemAttributes ?? AttributeTable.Empty(items.Count);
        if (UserAttributes.RowCount != users.Count || ItemAttributes.RowCount != items.Count)
        {
            throw new ArgumentException("Attribute tables must have one row per user or item.", nameof(userAttributes));
        }
    }

    /// <summary>A human-readable name, such as "ml-100k".</summary>
    public string Name { get; }

    /// <summary>What the values mean.</summary>
    public FeedbackKind Kind { get; }

    /// <summary>External user ids and their dense indexes.</summary>
    public IdMap Users { get; }

    /// <summary>External item ids and their dense indexes (the whole catalogue, touched or not).</summary>
    public IdMap Items { get; }

    /// <summary>The number of users in the id map.</summary>
    public int UserCount => Users.Count;

    /// <summary>The number of items in the id map.</summary>
    public int ItemCount => Items.Count;

    /// <summary>The number of interactions.</summary>
    public int Count => _users.Length;

    /// <summary>The user of every interaction.</summary>
    public ReadOnlySpan<int> UserIndexes => _users;

    /// <summary>The item of every interaction.</summary>
    public ReadOnlySpan<int> ItemIndexes => _items;

    /// <summary>The value of every interaction (a rating, a count, a weight).</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>Whether interactions carry timestamps.</summary>
    public bool HasTimestamps => _timestamps is not null;

    /// <summary>Unix seconds of every interaction; empty when <see cref="HasTimestamps"/> is false.</summary>
    public ReadOnlySpan<long> Timestamps => _timestamps;

    /// <summary>Whether interactions carry event types.</summary>
    public bool HasEventTypes => _eventTypes is not null;

    /// <summary>The event type index of every interaction; empty when <see cref="HasEventTypes"/> is false.</summary>
    public ReadOnlySpan<int> EventTypes => _eventTypes;

    /// <summary>The names of the event types ("view", "purchase").</summary>
    public IdMap EventTypeNames { get; }

    /// <summary>User attributes, one row per user.</summary>
    public AttributeTable UserAttributes { get; }

    /// <summary>Item attributes, one row per item.</summary>
    public AttributeTable ItemAttributes { get; }

    /// <summary>Users x items; row entries sorted by item.</summary>
    public CsrMatrix ByUser => _byUser ??= CsrMatrix.FromCoordinates(UserCount, ItemCount, _users, _items, _values);

    /// <summary>Items x users; row entries sorted by user.</summary>
    public CsrMatrix ByItem => _byItem ??= ByUser.Transpose();

    /// <summary>Whether some (user, item) pair occurs more than once.</summary>
    public bool HasRepeatedPairs => _hasRepeatedPairs ??= FindRepeatedPairs(ByUser);

    /// <summary>The number of interactions of every user.</summary>
    public int[] UserCounts() => RowLengths(ByUser);

    /// <summary>The number of interactions of every item.</summary>
    public int[] ItemCounts() => RowLengths(ByItem);

    /// <summary>A dataset with only the listed interactions, in the listed order; ids and attributes are shared.</summary>
    public Dataset Subset(ReadOnlySpan<int> interactions, string? name = null)
    {
        var users = new int[interactions.Length];
        var items = new int[interactions.Length];
        var values = new float[interactions.Length];
        var timestamps = _timestamps is null ? null : new long[interactions.Length];
        var eventTypes = _eventTypes is null ? null : new int[interactions.Length];
        for (var k = 0; k < interactions.Length; k++)
        {
            var i = interactions[k];
            users[k] = _users[i];
            items[k] = _items[i];
            values[k] = _values[i];
            if (timestamps is not null)
            {
                timestamps[k] = _timestamps![i];
            }

            if (eventTypes is not null)
            {
                eventTypes[k] = _eventTypes![i];
            }
        }

        return new Dataset(name ?? Name, Kind, Users, Items, users, items, values, timestamps, eventTypes, _eventTypes is null ? null : EventTypeNames, UserAttributes, ItemAttributes);
    }

    /// <summary>The same interactions with new values (after normalisation or weighting).</summary>
    public Dataset WithValues(float[] values, FeedbackKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Dataset(Name, kind ?? Kind, Users, Items, [.. _users], [.. _items], values, _timestamps, _eventTypes, _eventTypes is null ? null : EventTypeNames, UserAttributes, ItemAttributes);
    }

    /// <summary>The same dataset under another name.</summary>
    public Dataset WithName(string name)
        => new(name, Kind, Users, Items, _users, _items, _values, _timestamps, _eventTypes, _eventTypes is null ? null : EventTypeNames, UserAttributes, ItemAttributes);

    private static int[] RowLengths(CsrMatrix matrix)
    {
        var counts = new int[matrix.RowCount];
        for (var r = 0; r < counts.Length; r++)
        {
            counts[r] = matrix.RowLength(r);
        }

        return counts;
    }

    private static bool FindRepeatedPairs(CsrMatrix byUser)
    {
        for (var u = 0; u < byUser.RowCount; u++)
        {
            var row = byUser.RowColumns(u);
            for (var k = 1; k < row.Length; k++)
            {
                if (row[k] == row[k - 1])
                {
                    return true;
                }
            }
        }

        return false;
    }
}
