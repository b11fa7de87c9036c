namespace Affinity.Core.Features;

/// <summary>Options of <see cref="FeatureEncoder"/>; immutable, validated when set.</summary>
public sealed record FeatureEncoderOptions
{
    /// <summary>
    /// The fields to encode; null encodes every field except <see cref="ExcludedFields"/>.
    /// A named field that the table lacks is an error when encoding.
    /// </summary>
    /// <exception cref="ArgumentException">A name is null, blank or repeated.</exception>
    public IReadOnlyList<string>? Fields
    {
        get;
        init => field = value is null ? null : CheckNames(value, nameof(Fields));
    }

    /// <summary>Fields never encoded when <see cref="Fields"/> is null: addresses and postcodes describe nothing a taste follows.</summary>
    /// <exception cref="ArgumentException">A name is null, blank or repeated.</exception>
    public IReadOnlyList<string> ExcludedFields
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(ExcludedFields));
            field = CheckNames(value, nameof(ExcludedFields));
        }
    } = ["url", "imdb_url", "zip"];

    /// <summary>
    /// A categorical level, tag or word is kept only when at least this many entities have it
    /// (one entity's private value can't link it to anything); at least 1.
    /// </summary>
    public int MinDocumentFrequency
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(MinDocumentFrequency));
            field = value;
        }
    } = 2;

    /// <summary>
    /// At most this many words per text field: those held by the most entities, ties broken by the
    /// word's ordinal order; at least 1.
    /// </summary>
    public int MaxTextFeatures
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(MaxTextFeatures));
            field = value;
        }
    } = 20_000;

    /// <summary>
    /// Whether tags and words are weighted by TF-IDF as scikit-learn's <c>TfidfTransformer</c> with
    /// <c>sublinear_tf=True, smooth_idf=True, norm=None</c> defines it: tf · idf with
    /// tf = 1 + ln(count) and idf = ln((1 + N) / (1 + df)) + 1, where N is the number of entities (rows
    /// of the table) and df the number of them that have the feature. A tag weight below 1 (a fraction
    /// rather than a count) is kept as its tf, where 1 + ln would turn it negative. When off, a tag keeps
    /// its raw weight and a word its count. Categorical levels are always 1 and a numeric field its
    /// min-max scaled value.
    /// </summary>
    public bool TfIdf { get; init; } = true;

    /// <summary>Value equality, field lists compared element by element.</summary>
    public bool Equals(FeatureEncoderOptions? other)
        => other is not null
            && SameNames(Fields, other.Fields)
            && SameNames(ExcludedFields, other.ExcludedFields)
            && MinDocumentFrequency == other.MinDocumentFrequency
            && MaxTextFeatures == other.MaxTextFeatures
            && TfIdf == other.TfIdf;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Fields?.Count, ExcludedFields.Count, MinDocumentFrequency, MaxTextFeatures, TfIdf);

    private static bool SameNames(IReadOnlyList<string>? a, IReadOnlyList<string>? b)
        => a is null || b is null ? a is null && b is null : a.SequenceEqual(b, StringComparer.Ordinal);

    private static string[] CheckNames(IReadOnlyList<string> names, string parameter)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("A field name cannot be null or blank.", parameter);
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"The field '{name}' is named twice.", parameter);
            }
        }

        return [.. names];
    }
}
