using System.Collections.Frozen;

namespace Affinity.Core.Data;

/// <summary>
/// A frozen two-way map between external string ids and dense indexes <c>0..Count-1</c>.
/// Algorithms, metrics and matrices see only dense indexes; external ids appear only at the edges.
/// </summary>
/// <remarks>Immutable: build one with <see cref="IdMapBuilder"/> or <see cref="FromIds"/>.</remarks>
public sealed class IdMap
{
    private readonly string[] _ids;
    private readonly FrozenDictionary<string, int> _indexes;

    internal IdMap(string[] ids, FrozenDictionary<string, int> indexes)
    {
        _ids = ids;
        _indexes = indexes;
    }

    /// <summary>An empty map.</summary>
    public static IdMap Empty { get; } = FromIds([]);

    /// <summary>The number of ids.</summary>
    public int Count => _ids.Length;

    /// <summary>The external ids in index order.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>The external id of a dense index.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not in <c>0..Count-1</c>.</exception>
    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _ids.Length);
            return _ids[index];
        }
    }

    /// <summary>Builds a map whose indexes follow the order of <paramref name="ids"/>.</summary>
    /// <exception cref="ArgumentException">An id is repeated.</exception>
    public static IdMap FromIds(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var builder = new IdMapBuilder();
        foreach (var id in ids)
        {
            if (builder.Contains(id))
            {
                throw new ArgumentException($"The id '{id}' appears more than once.", nameof(ids));
            }

            builder.GetOrAdd(id);
        }

        return builder.Build();
    }

    /// <summary>Finds the dense index of an external id.</summary>
    public bool TryGetIndex(string id, out int index) => _indexes.TryGetValue(id, out index);

    /// <summary>The dense index of an external id, or -1 when the id is unknown.</summary>
    public int IndexOf(string id) => _indexes.TryGetValue(id, out var index) ? index : -1;

    /// <summary>Whether the id is known.</summary>
    public bool Contains(string id) => _indexes.ContainsKey(id);
}
