using System.Globalization;
using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;

namespace Affinity.Core.Features;

/// <summary>
/// Turns an <see cref="AttributeTable"/> into a sparse <see cref="FeatureMatrix"/>: a categorical field
/// one-hot ("occupation=writer"), a tags field multi-hot with its weights ("genres=Sci-Fi"), a numeric
/// field one feature scaled to [0, 1] by its minimum and maximum ("year"), a text field a bag of words
/// from <see cref="TextTokenizer"/> ("title:star"), tags and words weighted by TF-IDF by default.
/// </summary>
/// <remarks>
/// <para>Fields are encoded in ordinal order of their names and features within a field in ordinal
/// order, so the same table and options always give the same columns, whatever order the table's
/// columns or rows were added in.</para>
/// <para>The weighting follows scikit-learn: <c>OneHotEncoder</c> and <c>MultiLabelBinarizer</c> for
/// categorical and tags fields, <c>MinMaxScaler</c> for numeric ones, <c>CountVectorizer</c> (with
/// <see cref="TextTokenizer"/> in place of its regular expression, and <c>min_df</c>,
/// <c>max_features</c> counted in entities) and <c>TfidfTransformer</c> for text; see
/// <see cref="FeatureEncoderOptions.TfIdf"/>. Rows are not normalised (<c>norm=None</c>): a
/// model that compares them by cosine normalises them itself.</para>
/// </remarks>
public static class FeatureEncoder
{
    /// <summary>Encodes every row of <paramref name="table"/>.</summary>
    /// <exception cref="ArgumentException">A field named in <see cref="FeatureEncoderOptions.Fields"/> is not in the
    /// table, or a selected field's name holds '=' or ':', which would make feature names ambiguous.</exception>
    public static FeatureMatrix Encode(AttributeTable table, FeatureEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new FeatureEncoderOptions();
        var rows = new List<int>();
        var columns = new List<int>();
        var values = new List<float>();
        var names = new List<string>();
        foreach (var column in SelectColumns(table, options))
        {
            var encoded = column switch
            {
                CategoricalColumn categorical => EncodeCategorical(categorical, options),
                TagsColumn tags => EncodeTags(tags, options),
                NumericColumn numeric => EncodeNumeric(numeric),
                TextColumn text => EncodeText(text, options),
                _ => throw new ArgumentException($"The field '{column.Name}' has a kind the encoder does not know.", nameof(table)),
            };
            foreach (var (row, feature, value) in encoded.Entries)
            {
                rows.Add(row);
                columns.Add(names.Count + feature);
                values.Add(value);
            }

            names.AddRange(encoded.Names);
        }

        var matrix = CsrMatrix.FromCoordinates(table.RowCount, names.Count, rows.ToArray(), columns.ToArray(), values.ToArray());
        return new FeatureMatrix(matrix, IdMap.FromIds(names));
    }

    private static List<AttributeColumn> SelectColumns(AttributeTable table, FeatureEncoderOptions options)
    {
        var selected = new List<AttributeColumn>();
        if (options.Fields is { } fields)
        {
            foreach (var name in fields)
            {
                selected.Add(table.TryGet<AttributeColumn>(name, out var column)
                    ? column
                    : throw new ArgumentException($"The attribute table has no field '{name}'.", nameof(options)));
            }
        }
        else
        {
            foreach (var column in table.Columns)
            {
                if (!options.ExcludedFields.Contains(column.Name))
                {
                    selected.Add(column);
                }
            }
        }

        foreach (var column in selected)
        {
            if (column.Name.IndexOfAny(FeatureMatrix.Separators) >= 0)
            {
                throw new ArgumentException($"The field name '{column.Name}' holds '=' or ':', which separate a field from its values in feature names.", nameof(table));
            }
        }

        selected.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return selected;
    }

    private static EncodedField EncodeCategorical(CategoricalColumn column, FeatureEncoderOptions options)
    {
        var counts = new int[column.Levels.Count];
        foreach (var code in column.Codes)
        {
            if (code >= 0)
            {
                counts[code]++;
            }
        }

        var (featureOf, names) = KeepFrequent(column.Name + "=", column.Levels, counts, options.MinDocumentFrequency, int.MaxValue);
        var entries = new List<(int, int, float)>();
        var codes = column.Codes;
        for (var row = 0; row < codes.Length; row++)
        {
            if (codes[row] >= 0 && featureOf[codes[row]] >= 0)
            {
                entries.Add((row, featureOf[codes[row]], 1f));
            }
        }

        return new EncodedField(names, entries);
    }

    private static EncodedField EncodeTags(TagsColumn column, FeatureEncoderOptions options)
    {
        var matrix = column.Matrix;
        var (featureOf, names) = KeepFrequent(column.Name + "=", column.Vocabulary, ColumnCounts(matrix), options.MinDocumentFrequency, int.MaxValue);
        return Weighted(matrix, featureOf, names, options);
    }

    private static EncodedField EncodeText(TextColumn column, FeatureEncoderOptions options)
    {
        var vocabulary = new IdMapBuilder();
        var rows = new List<int>();
        var tokens = new List<int>();
        var counts = new List<float>();
        var perRow = new Dictionary<int, int>();
        for (var row = 0; row < column.RowCount; row++)
        {
            if (column.Values[row] is not { } text)
            {
                continue;
            }

            perRow.Clear();
            foreach (var token in TextTokenizer.Tokenize(text))
            {
                var index = vocabulary.GetOrAdd(token);
                perRow[index] = perRow.GetValueOrDefault(index) + 1;
            }

            foreach (var (token, count) in perRow)
            {
                rows.Add(row);
                tokens.Add(token);
                counts.Add(count);
            }
        }

        var words = vocabulary.Build();
        var matrix = CsrMatrix.FromCoordinates(column.RowCount, words.Count, rows.ToArray(), tokens.ToArray(), counts.ToArray());
        var (featureOf, names) = KeepFrequent(column.Name + ":", words, ColumnCounts(matrix), options.MinDocumentFrequency, options.MaxTextFeatures);
        return Weighted(matrix, featureOf, names, options);
    }

    private static EncodedField EncodeNumeric(NumericColumn column)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var value in column.Values)
        {
            if (double.IsFinite(value))
            {
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }
        }

        var entries = new List<(int, int, float)>();
        var span = max - min;
        for (var row = 0; row < column.RowCount; row++)
        {
            var value = column.Values[row];
            if (double.IsFinite(value))
            {
                // A constant field carries no information but still marks that the value is known.
                entries.Add((row, 0, span > 0 ? (float)((value - min) / span) : 1f));
            }
        }

        return entries.Count == 0 ? new EncodedField([], entries) : new EncodedField([column.Name], entries);
    }

    private static EncodedField Weighted(CsrMatrix matrix, int[] featureOf, List<string> names, FeatureEncoderOptions options)
    {
        var idf = new double[matrix.ColumnCount];
        var documentFrequency = ColumnCounts(matrix);
        for (var c = 0; c < idf.Length; c++)
        {
            idf[c] = Math.Log((1.0 + matrix.RowCount) / (1.0 + documentFrequency[c])) + 1;
        }

        var entries = new List<(int, int, float)>();
        for (var row = 0; row < matrix.RowCount; row++)
        {
            var source = matrix.RowColumns(row);
            var weights = matrix.RowValues(row);
            for (var e = 0; e < source.Length; e++)
            {
                var feature = featureOf[source[e]];
                if (feature < 0 || weights[e] <= 0)
                {
                    continue;
                }

                var tf = weights[e] >= 1 ? 1 + Math.Log(weights[e]) : weights[e];
                entries.Add((row, feature, options.TfIdf ? (float)(tf * idf[source[e]]) : weights[e]));
            }
        }

        return new EncodedField(names, entries);
    }

    /// <summary>Keeps the values held by at least <paramref name="minCount"/> entities, at most <paramref name="maxCount"/> of the most frequent, named in ordinal order.</summary>
    private static (int[] FeatureOf, List<string> Names) KeepFrequent(string prefix, IdMap values, int[] counts, int minCount, int maxCount)
    {
        var kept = new List<int>();
        for (var v = 0; v < counts.Length; v++)
        {
            if (counts[v] >= minCount)
            {
                kept.Add(v);
            }
        }

        if (kept.Count > maxCount)
        {
            kept.Sort((a, b) => counts[a] != counts[b] ? counts[b].CompareTo(counts[a]) : string.CompareOrdinal(values[a], values[b]));
            kept.RemoveRange(maxCount, kept.Count - maxCount);
        }

        kept.Sort((a, b) => string.CompareOrdinal(values[a], values[b]));
        var featureOf = new int[counts.Length];
        Array.Fill(featureOf, -1);
        var names = new List<string>(kept.Count);
        foreach (var v in kept)
        {
            featureOf[v] = names.Count;
            names.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}{values[v]}"));
        }

        return (featureOf, names);
    }

    private static int[] ColumnCounts(CsrMatrix matrix)
    {
        var counts = new int[matrix.ColumnCount];
        for (var row = 0; row < matrix.RowCount; row++)
        {
            foreach (var c in matrix.RowColumns(row))
            {
                counts[c]++;
            }
        }

        return counts;
    }

    private sealed record EncodedField(List<string> Names, List<(int Row, int Feature, float Value)> Entries);
}
