namespace Affinity.Storage;

/// <summary>
/// The attributes of one user or item, typed as <see cref="Core.Data.Attributes"/> holds them:
/// categorical values (one level), tags (a list; a repeated tag adds weight), numbers and text.
/// Immutable; equal when every field holds the same entries (tag order included).
/// </summary>
/// <remarks>
/// A name belongs to one kind only, here and across all entities of a table, because a
/// <see cref="Core.Data.Attributes.AttributeTable"/> has one column per name. Missing values are
/// absent entries, never NaN or null.
/// </remarks>
public sealed class EntityAttributes : IEquatable<EntityAttributes>
{
    /// <summary>Creates the attributes; each argument may be null for none.</summary>
    public EntityAttributes(
        IReadOnlyDictionary<string, string>? categorical = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? tags = null,
        IReadOnlyDictionary<string, double>? numeric = null,
        IReadOnlyDictionary<string, string>? text = null)
    {
        Categorical = Copy(categorical, v => v);
        Tags = Copy(tags, v => (IReadOnlyList<string>)[.. v]);
        Numeric = Copy(numeric, v => v);
        Text = Copy(text, v => v);
    }

    /// <summary>No attributes.</summary>
    public static EntityAttributes Empty { get; } = new();

    /// <summary>Single-valued categories ("gender" = "F").</summary>
    public IReadOnlyDictionary<string, string> Categorical { get; }

    /// <summary>Multi-valued tags ("genres" = ["Comedy", "Drama"]).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Tags { get; }

    /// <summary>Numbers ("year" = 1995); finite only.</summary>
    public IReadOnlyDictionary<string, double> Numeric { get; }

    /// <summary>Free text ("title" = "Toy Story").</summary>
    public IReadOnlyDictionary<string, string> Text { get; }

    /// <summary>Whether there is no attribute at all.</summary>
    public bool IsEmpty => Categorical.Count == 0 && Tags.Count == 0 && Numeric.Count == 0 && Text.Count == 0;

    /// <inheritdoc />
    public bool Equals(EntityAttributes? other)
        => other is not null
            && Same(Categorical, other.Categorical, string.Equals)
            && Same(Tags, other.Tags, (a, b) => a.SequenceEqual(b, StringComparer.Ordinal))
            && Same(Numeric, other.Numeric, (a, b) => a.Equals(b))
            && Same(Text, other.Text, string.Equals);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EntityAttributes);

    /// <inheritdoc />
    public override int GetHashCode()
        => HashCode.Combine(Categorical.Count, Tags.Count, Numeric.Count, Text.Count);

    /// <summary>The attribute names by kind, for messages and debugging ("categorical: genre; numeric: year").</summary>
    public override string ToString()
    {
        var parts = new List<string>(4);
        Describe(parts, "categorical", Categorical.Keys);
        Describe(parts, "tags", Tags.Keys);
        Describe(parts, "numeric", Numeric.Keys);
        Describe(parts, "text", Text.Keys);
        return parts.Count == 0 ? "(no attributes)" : string.Join("; ", parts);
    }

    private static void Describe(List<string> parts, string kind, IEnumerable<string> names)
    {
        var sorted = names.Order(StringComparer.Ordinal).ToArray();
        if (sorted.Length > 0)
        {
            parts.Add($"{kind}: {string.Join(", ", sorted)}");
        }
    }

    private static Dictionary<string, TValue> Copy<TValue>(IReadOnlyDictionary<string, TValue>? source, Func<TValue, TValue> copy)
    {
        var result = new Dictionary<string, TValue>(StringComparer.Ordinal);
        if (source is not null)
        {
            foreach (var (key, value) in source)
            {
                ArgumentNullException.ThrowIfNull(key);
                ArgumentNullException.ThrowIfNull(value, key);
                result[key] = copy(value);
            }
        }

        return result;
    }

    private static bool Same<TValue>(IReadOnlyDictionary<string, TValue> a, IReadOnlyDictionary<string, TValue> b, Func<TValue, TValue, bool> equal)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !equal(value, other))
            {
                return false;
            }
        }

        return true;
    }
}
