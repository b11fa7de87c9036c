namespace Affinity.Core.Data.Attributes;

/// <summary>
/// One named attribute of users or items, one row per dense entity index. Rows without a value are
/// missing (code -1, NaN, null or an empty tag list), never a silent zero.
/// </summary>
public abstract class AttributeColumn
{
    private protected AttributeColumn(string name, int rowCount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        RowCount = rowCount;
    }

    /// <summary>The column name, for example "genres" or "age".</summary>
    public string Name { get; }

    /// <summary>The number of rows (entities).</summary>
    public int RowCount { get; }

    /// <summary>Whether the row has a value.</summary>
    public abstract bool HasValue(int row);
}

/// <summary>A single-valued categorical attribute (gender, occupation) coded against <see cref="Levels"/>.</summary>
public sealed class CategoricalColumn : AttributeColumn
{
    private readonly int[] _codes;

    /// <summary>Creates the column; a code of -1 is a missing value.</summary>
    public CategoricalColumn(string name, IdMap levels, int[] codes)
        : base(name, codes?.Length ?? 0)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(codes);
        foreach (var code in codes)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(code, -1);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(code, levels.Count);
        }

        Levels = levels;
        _codes = codes;
    }

    /// <summary>The category names.</summary>
    public IdMap Levels { get; }

    /// <summary>The level index of every row, -1 where missing.</summary>
    public ReadOnlySpan<int> Codes => _codes;

    /// <summary>The level name of a row, or null where missing.</summary>
    public string? ValueOf(int row) => _codes[row] < 0 ? null : Levels[_codes[row]];

    /// <inheritdoc />
    public override bool HasValue(int row) => _codes[row] >= 0;
}

/// <summary>A multi-valued attribute (genres, tags) as a sparse entity x tag matrix of weights.</summary>
public sealed class TagsColumn : AttributeColumn
{
    /// <summary>Creates the column from a matrix whose columns index <paramref name="vocabulary"/>.</summary>
    public TagsColumn(string name, IdMap vocabulary, CsrMatrix matrix)
        : base(name, matrix?.RowCount ?? 0)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.ColumnCount != vocabulary.Count)
        {
            throw new ArgumentException("The matrix must have one column per vocabulary entry.", nameof(matrix));
        }

        Vocabulary = vocabulary;
        Matrix = matrix;
    }

    /// <summary>The tag names.</summary>
    public IdMap Vocabulary { get; }

    /// <summary>Rows are entities, columns are tags, values are weights (1 for plain membership, counts otherwise).</summary>
    public CsrMatrix Matrix { get; }

    /// <summary>The tag names of a row.</summary>
    public IEnumerable<string> TagsOf(int row)
    {
        var columns = Matrix.RowColumns(row).ToArray();
        return columns.Select(c => Vocabulary[c]);
    }

    /// <inheritdoc />
    public override bool HasValue(int row) => Matrix.RowLength(row) > 0;
}

/// <summary>A numeric attribute (age, release year); NaN marks a missing value.</summary>
public sealed class NumericColumn : AttributeColumn
{
    private readonly double[] _values;

    /// <summary>Creates the column.</summary>
    public NumericColumn(string name, double[] values)
        : base(name, values?.Length ?? 0)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    /// <summary>The value of every row, NaN where missing.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <inheritdoc />
    public override bool HasValue(int row) => !double.IsNaN(_values[row]);
}

/// <summary>A free-text attribute (title, description); null marks a missing value.</summary>
public sealed class TextColumn : AttributeColumn
{
    private readonly string?[] _values;

    /// <summary>Creates the column.</summary>
    public TextColumn(string name, string?[] values)
        : base(name, values?.Length ?? 0)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    /// <summary>The text of every row, null where missing.</summary>
    public IReadOnlyList<string?> Values => _values;

    /// <inheritdoc />
    public override bool HasValue(int row) => _values[row] is not null;
}
