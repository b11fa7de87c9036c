using Affinity.Core.Data.Attributes;

namespace Affinity.Core.Data;

/// <summary>
/// Accumulates interactions and attributes by external id, then freezes them into a <see cref="Dataset"/>.
/// Loaders use it; it checks nothing about the file format, only that values are finite.
/// </summary>
public sealed class DatasetBuilder
{
    private readonly IdMapBuilder _users = new();
    private readonly IdMapBuilder _items = new();
    private readonly IdMapBuilder _eventTypes = new();
    private readonly List<int> _userIndexes = [];
    private readonly List<int> _itemIndexes = [];
    private readonly List<float> _values = [];
    private readonly List<long> _timestamps = [];
    private readonly List<int> _eventTypeIndexes = [];
    private bool _withTimestamps;
    private bool _withEventTypes;

    /// <summary>Starts an empty dataset.</summary>
    public DatasetBuilder(string name, FeedbackKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
        UserAttributes = new AttributeTableBuilder(_users);
        ItemAttributes = new AttributeTableBuilder(_items);
    }

    /// <summary>The dataset name.</summary>
    public string Name { get; }

    /// <summary>What the values mean.</summary>
    public FeedbackKind Kind { get; }

    /// <summary>The number of interactions added.</summary>
    public int Count => _values.Count;

    /// <summary>User attributes; setting one registers the user.</summary>
    public AttributeTableBuilder UserAttributes { get; }

    /// <summary>Item attributes; setting one registers the item.</summary>
    public AttributeTableBuilder ItemAttributes { get; }

    /// <summary>Registers a user that may have no interactions.</summary>
    public int AddUser(string userId) => _users.GetOrAdd(userId);

    /// <summary>Registers a catalogue item that may have no interactions.</summary>
    public int AddItem(string itemId) => _items.GetOrAdd(itemId);

    /// <summary>Adds one interaction. Timestamps and event types must be given for all or none.</summary>
    /// <exception cref="ArgumentException">The value is not finite, or timestamps/event types are given for some interactions only.</exception>
    public void Add(string userId, string itemId, float value, long? timestamp = null, string? eventType = null)
    {
        if (!float.IsFinite(value))
        {
            throw new ArgumentException($"The value {value} is not a finite number.", nameof(value));
        }

        CheckPresence(timestamp.HasValue, ref _withTimestamps, "timestamp");
        CheckPresence(eventType is not null, ref _withEventTypes, "event type");
        _userIndexes.Add(_users.GetOrAdd(userId));
        _itemIndexes.Add(_items.GetOrAdd(itemId));
        _values.Add(value);
        if (timestamp.HasValue)
        {
            _timestamps.Add(timestamp.Value);
        }

        if (eventType is not null)
        {
            _eventTypeIndexes.Add(_eventTypes.GetOrAdd(eventType));
        }
    }

    /// <summary>Freezes everything added so far.</summary>
    public Dataset Build()
    {
        var users = _users.Build();
        var items = _items.Build();
        return new Dataset(
            Name,
            Kind,
            users,
            items,
            [.. _userIndexes],
            [.. _itemIndexes],
            [.. _values],
            _withTimestamps ? [.. _timestamps] : null,
            _withEventTypes ? [.. _eventTypeIndexes] : null,
            _withEventTypes ? _eventTypes.Build() : null,
            UserAttributes.Build(users),
            ItemAttributes.Build(items));
    }

    private void CheckPresence(bool present, ref bool seen, string what)
    {
        if (Count == 0)
        {
            seen = present;
        }
        else if (seen != present)
        {
            throw new ArgumentException($"Interaction {Count + 1} {(present ? "has" : "lacks")} a {what} where earlier ones {(seen ? "had" : "did not")}.");
        }
    }
}
