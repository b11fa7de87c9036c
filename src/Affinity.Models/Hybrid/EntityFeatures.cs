using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;
using Affinity.Core.Features;
using Affinity.Models.Content;

namespace Affinity.Models.Hybrid;

/// <summary>
/// The feature rows LightFM sums embeddings over, for users or items: the encoded attributes first
/// (columns 0 .. <see cref="Names"/>.Count − 1), then, when identity features are on, one indicator
/// per entity (column <see cref="Names"/>.Count + entity), every row scaled to sum 1 as lightfm's
/// <c>Dataset.build_item_features(normalize=True)</c> does.
/// </summary>
internal sealed record EntityFeatures(CsrMatrix Rows, string[] Names)
{
    /// <summary>Encodes the attributes (indicator weights, no TF-IDF, as lightfm's <c>Dataset</c>) and adds identities.</summary>
    public static EntityFeatures Build(AttributeTable table, bool attributes, bool textFields, bool identity)
    {
        var encoded = attributes ? FeatureEncoder.Encode(table, EncoderOptions(table, textFields)) : null;
        var names = encoded is null ? [] : encoded.Features.Ids.ToArray();
        var rows = new List<int>();
        var columns = new List<int>();
        var values = new List<float>();
        for (var r = 0; r < table.RowCount; r++)
        {
            if (encoded is not null)
            {
                var features = encoded.Values.RowColumns(r);
                var weights = encoded.Values.RowValues(r);
                for (var k = 0; k < features.Length; k++)
                {
                    rows.Add(r);
                    columns.Add(features[k]);
                    values.Add(weights[k]);
                }
            }

            if (identity)
            {
                rows.Add(r);
                columns.Add(names.Length + r);
                values.Add(1f);
            }
        }

        var width = names.Length + (identity ? table.RowCount : 0);
        var matrix = CsrMatrix.FromCoordinates(table.RowCount, width, rows.ToArray(), columns.ToArray(), values.ToArray());
        return new EntityFeatures(SparseRows.L1Normalized(matrix), names);
    }

    /// <summary>Whether the entity has a feature other than its identity.</summary>
    public bool HasAttributes(int row)
    {
        var columns = Rows.RowColumns(row);
        return columns.Length > 0 && columns[0] < Names.Length;
    }

    /// <summary>The column of the entity's identity feature, or −1 when identities are off.</summary>
    public int IdentityColumn(int row) => Rows.ColumnCount > Names.Length ? Names.Length + row : -1;

    private static FeatureEncoderOptions EncoderOptions(AttributeTable table, bool textFields)
    {
        var defaults = new FeatureEncoderOptions { TfIdf = false };
        if (textFields)
        {
            return defaults;
        }

        var excluded = new List<string>(defaults.ExcludedFields);
        foreach (var column in table.Columns)
        {
            if (column is TextColumn)
            {
                excluded.Add(column.Name);
            }
        }

        return defaults with { ExcludedFields = excluded };
    }
}
