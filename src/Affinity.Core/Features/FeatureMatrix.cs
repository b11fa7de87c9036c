using Affinity.Core.Data;

namespace Affinity.Core.Features;

/// <summary>
/// Entities (items or users) described by sparse features: row <c>r</c> of <see cref="Values"/> holds the
/// weights of entity <c>r</c>'s features, column <c>f</c> is the feature named <see cref="Features"/>[f].
/// A feature's name is <c>field=value</c> ("genres=Sci-Fi", "tags=space", "occupation=writer") or, for
/// a word of a text field, <c>field:token</c> ("title:star"), or the bare field name for a numeric field
/// ("year"); <see cref="FieldOf"/> and <see cref="ValueOf"/> split it again.
/// </summary>
/// <remarks>Immutable. Rows follow the dense indexes of the dataset whose attributes were encoded, so
/// an item that nobody has touched still has its row.</remarks>
public sealed class FeatureMatrix
{
    /// <summary>Wraps a matrix and its feature vocabulary.</summary>
    /// <exception cref="ArgumentException">The matrix has a column count other than the vocabulary's size.</exception>
    public FeatureMatrix(CsrMatrix values, IdMap features)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(features);
        if (values.ColumnCount != features.Count)
        {
            throw new ArgumentException($"The matrix has {values.ColumnCount} columns but the vocabulary {features.Count} features.", nameof(features));
        }

        Values = values;
        Features = features;
    }

    /// <summary>Entities × features, each row sorted by feature.</summary>
    public CsrMatrix Values { get; }

    /// <summary>The feature names, in column order.</summary>
    public IdMap Features { get; }

    /// <summary>The number of entities (rows).</summary>
    public int RowCount => Values.RowCount;

    /// <summary>The number of features (columns).</summary>
    public int FeatureCount => Features.Count;

    /// <summary>The field a feature belongs to: "genres" of "genres=Sci-Fi", "title" of "title:star".</summary>
    public string FieldOf(int feature)
    {
        var name = Features[feature];
        var split = name.IndexOfAny(Separators);
        return split < 0 ? name : name[..split];
    }

    /// <summary>The value part of a feature's name: "Sci-Fi" of "genres=Sci-Fi"; the whole name for a numeric field.</summary>
    public string ValueOf(int feature)
    {
        var name = Features[feature];
        var split = name.IndexOfAny(Separators);
        return split < 0 ? name : name[(split + 1)..];
    }

    /// <summary>
    /// The kind of a feature, from the first separator of its name: <c>=</c> a value, <c>:</c> a word,
    /// none a numeric field (<see cref="FeatureEncoder"/> rejects field names that hold either separator).
    /// </summary>
    public FeatureKind KindOf(int feature)
    {
        var name = Features[feature];
        var split = name.IndexOfAny(Separators);
        return split < 0 ? FeatureKind.Numeric : name[split] == '=' ? FeatureKind.Value : FeatureKind.Word;
    }

    /// <summary>The separators between a field's name and a value or word.</summary>
    internal static readonly char[] Separators = ['=', ':'];
}
