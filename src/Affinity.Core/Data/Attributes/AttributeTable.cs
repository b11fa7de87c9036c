namespace Affinity.Core.Data.Attributes;

/// <summary>
/// The attributes of users or of items: named columns whose rows are the dense indexes of the
/// entity <see cref="IdMap"/> the table was built for. Immutable.
/// </summary>
public sealed class AttributeTable
{
    private readonly Dictionary<string, AttributeColumn> _columns;

    /// <summary>Creates a table; every column must have <paramref name="rowCount"/> rows.</summary>
    public AttributeTable(int rowCount, IEnumerable<AttributeColumn> columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentNullException.ThrowIfNull(columns);
        RowCount = rowCount;
        _columns = new Dictionary<string, AttributeColumn>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.RowCount != rowCount)
            {
                throw new ArgumentException($"Column '{column.Name}' has {column.RowCount} rows, the table {rowCount}.", nameof(columns));
            }

            if (!_columns.TryAdd(column.Name, column))
            {
                throw new ArgumentException($"Column '{column.Name}' appears twice.", nameof(columns));
            }
        }
    }

    /// <summary>A table with no columns.</summary>
    public static AttributeTable Empty(int rowCount) => new(rowCount, []);

    /// <summary>The number of rows (entities).</summary>
    public int RowCount { get; }

    /// <summary>The columns, in no particular order.</summary>
    public IEnumerable<AttributeColumn> Columns => _columns.Values;

    /// <summary>Whether a column of that name exists.</summary>
    public bool Contains(string name) => _columns.ContainsKey(name);

    /// <summary>Finds a column of the given type by name.</summary>
    public bool TryGet<TColumn>(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TColumn? column)
        where TColumn : AttributeColumn
    {
        column = _columns.TryGetValue(name, out var c) ? c as TColumn : null;
        return column is not null;
    }

    /// <summary>The column of the given type and name.</summary>
    /// <exception cref="KeyNotFoundException">No such column of that type.</exception>
    public TColumn Get<TColumn>(string name)
        where TColumn : AttributeColumn
        => TryGet<TColumn>(name, out var column)
            ? column
            : throw new KeyNotFoundException($"No {typeof(TColumn).Name} named '{name}'.");
}
