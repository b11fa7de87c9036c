using System.Globalization;

namespace Affinity.Core.Loading;

/// <summary>
/// Where a loader finds one column: by header name (or JSON property name), or by 0-based position.
/// Immutable; a string converts to a name and an int to a position.
/// </summary>
public sealed record ColumnRef
{
    private ColumnRef(string? name, int position)
    {
        Name = name;
        Position = position;
    }

    /// <summary>The column or property name; null when the column is given by position.</summary>
    public string? Name { get; }

    /// <summary>The 0-based position; -1 when the column is given by name.</summary>
    public int Position { get; }

    /// <summary>Whether the column is given by name.</summary>
    public bool IsNamed => Name is not null;

    /// <summary>A column found by its header name or JSON property name.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static ColumnRef Named(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new ColumnRef(name, -1);
    }

    /// <summary>A column found by its 0-based position.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is negative.</exception>
    public static ColumnRef At(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        return new ColumnRef(null, position);
    }

    /// <summary>Same as <see cref="Named"/>.</summary>
    public static implicit operator ColumnRef(string name) => Named(name);

    /// <summary>Same as <see cref="At"/>.</summary>
    public static implicit operator ColumnRef(int position) => At(position);

    /// <summary>The name, or "#k" for the 1-based position k.</summary>
    public override string ToString() => Name ?? string.Create(CultureInfo.InvariantCulture, $"#{Position + 1}");
}
