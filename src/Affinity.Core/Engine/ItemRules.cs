namespace Affinity.Core.Engine;

/// <summary>
/// Raises (or lowers) the score of the items that match <see cref="Filter"/>: the score becomes
/// <c>score × Multiply + Add</c>, a negative score divided by <see cref="Multiply"/> instead so that a
/// factor above 1 always moves an item up (see <see cref="EngineRequest"/>). Immutable.
/// </summary>
public sealed record ItemBoost
{
    /// <summary>Creates a boost.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="multiply"/> is not a positive finite number, or <paramref name="add"/> is not finite.</exception>
    public ItemBoost(ItemFilter filter, float multiply = 1f, float add = 0f)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!float.IsFinite(multiply) || multiply <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(multiply), multiply, "A boost factor must be a positive finite number.");
        }

        if (!float.IsFinite(add))
        {
            throw new ArgumentOutOfRangeException(nameof(add), add, "A boost term must be finite.");
        }

        Filter = filter;
        Multiply = multiply;
        Add = add;
    }

    /// <summary>Which items the boost applies to.</summary>
    public ItemFilter Filter { get; }

    /// <summary>The factor applied to a matching item's score.</summary>
    public float Multiply { get; }

    /// <summary>The term added to a matching item's score after the factor.</summary>
    public float Add { get; }
}

/// <summary>
/// Places an item at a fixed 0-based position of the result (a merchandiser's choice). Immutable.
/// </summary>
public sealed record ItemPin
{
    /// <summary>Creates a pin.</summary>
    /// <exception cref="ArgumentException">The item id is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The position is negative.</exception>
    public ItemPin(string itemId, int position)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ItemId = itemId;
        Position = position;
    }

    /// <summary>The external id of the pinned item.</summary>
    public string ItemId { get; }

    /// <summary>The 0-based position the item takes.</summary>
    public int Position { get; }
}
