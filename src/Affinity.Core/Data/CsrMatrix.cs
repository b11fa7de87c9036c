namespace Affinity.Core.Data;

/// <summary>
/// An immutable compressed sparse row matrix of <see cref="float"/> values. Within a row the column
/// indexes are sorted ascending (ties keep input order). <see cref="EntryIds"/> maps every stored
/// entry back to the position of the interaction it came from, so per-interaction data such as
/// timestamps can be read in row order.
/// </summary>
public sealed class CsrMatrix
{
    private readonly int[] _rowPointers;
    private readonly int[] _columns;
    private readonly float[] _values;
    private readonly int[] _entryIds;

    private CsrMatrix(int rowCount, int columnCount, int[] rowPointers, int[] columns, float[] values, int[] entryIds)
    {
        RowCount = rowCount;
        ColumnCount = columnCount;
        _rowPointers = rowPointers;
        _columns = columns;
        _values = values;
        _entryIds = entryIds;
    }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The number of columns.</summary>
    public int ColumnCount { get; }

    /// <summary>The number of stored entries.</summary>
    public int EntryCount => _columns.Length;

    /// <summary>Row <c>r</c> occupies entries <c>RowPointers[r]..RowPointers[r+1]-1</c>.</summary>
    public ReadOnlySpan<int> RowPointers => _rowPointers;

    /// <summary>The column index of every entry.</summary>
    public ReadOnlySpan<int> Columns => _columns;

    /// <summary>The value of every entry.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>For every entry, the position of the source triple it was built from.</summary>
    public ReadOnlySpan<int> EntryIds => _entryIds;

    /// <summary>The number of entries in a row.</summary>
    public int RowLength(int row) => _rowPointers[row + 1] - _rowPointers[row];

    /// <summary>The sorted column indexes of one row.</summary>
    public ReadOnlySpan<int> RowColumns(int row) => _columns.AsSpan(_rowPointers[row], RowLength(row));

    /// <summary>The values of one row, aligned with <see cref="RowColumns"/>.</summary>
    public ReadOnlySpan<float> RowValues(int row) => _values.AsSpan(_rowPointers[row], RowLength(row));

    /// <summary>The source positions of one row's entries, aligned with <see cref="RowColumns"/>.</summary>
    public ReadOnlySpan<int> RowEntryIds(int row) => _entryIds.AsSpan(_rowPointers[row], RowLength(row));

    /// <summary>Whether the row holds the column (binary search).</summary>
    public bool Contains(int row, int column) => RowColumns(row).BinarySearch(column) >= 0;

    /// <summary>
    /// Builds the matrix from coordinate triples in O(n) with a stable counting sort, first by
    /// column then by row, so rows come out sorted by column.
    /// </summary>
    /// <exception cref="ArgumentException">The arrays differ in length or an index is out of range.</exception>
    public static CsrMatrix FromCoordinates(int rowCount, int columnCount, ReadOnlySpan<int> rows, ReadOnlySpan<int> columns, ReadOnlySpan<float> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfNegative(columnCount);
        if (rows.Length != columns.Length || rows.Length != values.Length)
        {
            throw new ArgumentException("Rows, columns and values must have the same length.", nameof(values));
        }

        var n = rows.Length;
        for (var i = 0; i < n; i++)
        {
            if ((uint)rows[i] >= (uint)rowCount || (uint)columns[i] >= (uint)columnCount)
            {
                throw new ArgumentException($"Entry {i} ({rows[i]}, {columns[i]}) is outside a {rowCount} x {columnCount} matrix.", nameof(rows));
            }
        }

        // Pass 1: order entries by column (stable).
        var byColumn = CountingOrder(columns, columnCount);

        // Pass 2: scatter that order by row (stable), so each row ends sorted by column.
        var rowPointers = new int[rowCount + 1];
        foreach (var r in rows)
        {
            rowPointers[r + 1]++;
        }

        for (var r = 0; r < rowCount; r++)
        {
            rowPointers[r + 1] += rowPointers[r];
        }

        var next = rowPointers[..^1];
        var outColumns = new int[n];
        var outValues = new float[n];
        var entryIds = new int[n];
        foreach (var source in byColumn)
        {
            var position = next[rows[source]]++;
            outColumns[position] = columns[source];
            outValues[position] = values[source];
            entryIds[position] = source;
        }

        return new CsrMatrix(rowCount, columnCount, rowPointers, outColumns, outValues, entryIds);
    }

    /// <summary>Rebuilds a matrix from its parts (a saved model), checking that they fit together.</summary>
    /// <exception cref="ArgumentException">The parts are inconsistent: pointers not ascending, lengths or indexes out of range, rows unsorted.</exception>
    public static CsrMatrix FromParts(int rowCount, int columnCount, int[] rowPointers, int[] columns, float[] values, int[] entryIds)
    {
        ArgumentNullException.ThrowIfNull(rowPointers);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(entryIds);
        if (rowPointers.Length != rowCount + 1 || rowPointers[0] != 0 || rowPointers[^1] != columns.Length
            || values.Length != columns.Length || entryIds.Length != columns.Length)
        {
            throw new ArgumentException("The row pointers, columns, values and entry ids do not fit together.", nameof(rowPointers));
        }

        for (var r = 0; r < rowCount; r++)
        {
            if (rowPointers[r + 1] < rowPointers[r])
            {
                throw new ArgumentException($"Row pointer {r + 1} goes backwards.", nameof(rowPointers));
            }

            for (var k = rowPointers[r]; k < rowPointers[r + 1]; k++)
            {
                if ((uint)columns[k] >= (uint)columnCount || (k > rowPointers[r] && columns[k] < columns[k - 1]))
                {
                    throw new ArgumentException($"Row {r} has an out-of-range or unsorted column at entry {k}.", nameof(columns));
                }
            }
        }

        return new CsrMatrix(rowCount, columnCount, rowPointers, columns, values, entryIds);
    }

    /// <summary>The transpose, with entry ids kept pointing at the same source triples.</summary>
    public CsrMatrix Transpose()
    {
        // Rows are visited in order and each is sorted by column, so scattering entries into their
        // column's bucket leaves every bucket sorted by row: one counting pass and one scatter.
        var n = EntryCount;
        var rowPointers = new int[ColumnCount + 1];
        foreach (var c in _columns)
        {
            rowPointers[c + 1]++;
        }

        for (var c = 0; c < ColumnCount; c++)
        {
            rowPointers[c + 1] += rowPointers[c];
        }

        var next = rowPointers[..^1];
        var columns = new int[n];
        var values = new float[n];
        var entryIds = new int[n];
        for (var r = 0; r < RowCount; r++)
        {
            for (var e = _rowPointers[r]; e < _rowPointers[r + 1]; e++)
            {
                var position = next[_columns[e]]++;
                columns[position] = r;
                values[position] = _values[e];
                entryIds[position] = _entryIds[e];
            }
        }

        return new CsrMatrix(ColumnCount, RowCount, rowPointers, columns, values, entryIds);
    }

    private static int[] CountingOrder(ReadOnlySpan<int> keys, int keyCount)
    {
        var starts = new int[keyCount + 1];
        foreach (var k in keys)
        {
            starts[k + 1]++;
        }

        for (var k = 0; k < keyCount; k++)
        {
            starts[k + 1] += starts[k];
        }

        var order = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            order[starts[keys[i]]++] = i;
        }

        return order;
    }
}
