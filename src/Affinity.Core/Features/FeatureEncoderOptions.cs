namespace Affinity.Core.Features;

/// <summary>Options of <see cref="FeatureEncoder"/>; immutable, validated when set.</summary>
public sealed record FeatureEncoderOptions
{
    /// <summary>
    /// The fields to encode; null encodes every field except <see cref="ExcludedFields"/>.
    /// A named field that the table lacks is an error.
    /// </summary>
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>Fields never encoded when <see cref="Fields"/> is null: addresses and postcodes describe nothing a taste follows.</summary>
    public IReadOnlyList<string> ExcludedFields { get; init; } = ["url", "imdb_url", "zip"];

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
    /// At most this many words per text field, the most frequent kept (ties by name); at least 1.
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
    /// Whether tags and words are weighted by TF-IDF, (1 + ln tf) · ln(N / df) with N entities and df
    /// of them having the feature (sublinear tf, scikit-learn's <c>sublinear_tf</c> without smoothing); when
    /// off, a tag keeps its raw weight and a word its count. Categorical levels are always 1 and a numeric
    /// field its min-max scaled value.
    /// </summary>
    public bool TfIdf { get; init; } = true;
}
