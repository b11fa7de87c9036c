using System.Collections.Frozen;

namespace Affinity.Core.Data;

/// <summary>Collects external ids in first-seen order and freezes them into an <see cref="IdMap"/>.</summary>
public sealed class IdMapBuilder
{
    private readonly List<string> _ids = [];
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

    /// <summary>Starts an empty builder.</summary>
    public IdMapBuilder()
    {
    }

    /// <summary>Starts a builder holding the ids of an existing map, in its order.</summary>
    public IdMapBuilder(IdMap existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        foreach (var id in existing.Ids)
        {
            GetOrAdd(id);
        }
    }

    /// <summary>The number of ids added so far.</summary>
    public int Count => _ids.Count;

    /// <summary>Whether the id was added.</summary>
    public bool Contains(string id) => _indexes.ContainsKey(id);

    /// <summary>The index of <paramref name="id"/>, adding it at the end when new.</summary>
    public int GetOrAdd(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_indexes.TryGetValue(id, out var index))
        {
            return index;
        }

        index = _ids.Count;
        _ids.Add(id);
        _indexes.Add(id, index);
        return index;
    }

    /// <summary>Freezes the ids collected so far into a map; the builder stays usable.</summary>
    public IdMap Build() => new([.. _ids], _indexes.ToFrozenDictionary(StringComparer.Ordinal));
}
