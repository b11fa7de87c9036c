using Affinity.Core.Data;

namespace Affinity.Core.Tests.Data;

public sealed class CsrMatrixTests
{
    [Fact]
    public void FromCoordinates_sorts_rows_by_column_and_keeps_entry_ids()
    {
        // Triples 0..4: (1,2,a) (0,1,b) (1,0,c) (0,3,d) (1,2,e); the repeated (1,2) keeps input order.
        var m = CsrMatrix.FromCoordinates(3, 4, [1, 0, 1, 0, 1], [2, 1, 0, 3, 2], [10, 20, 30, 40, 50]);

        Assert.Equal([0, 2, 5, 5], m.RowPointers.ToArray());
        Assert.Equal([1, 3, 0, 2, 2], m.Columns.ToArray());
        Assert.Equal([20f, 40, 30, 10, 50], m.Values.ToArray());
        Assert.Equal([1, 3, 2, 0, 4], m.EntryIds.ToArray());
        Assert.Equal(5, m.EntryCount);
        Assert.Equal(3, m.RowLength(1));
        Assert.Equal(0, m.RowLength(2));
        Assert.Equal([30f, 10, 50], m.RowValues(1).ToArray());
        Assert.Equal([2, 0, 4], m.RowEntryIds(1).ToArray());
        Assert.True(m.Contains(0, 3));
        Assert.False(m.Contains(0, 2));
        Assert.False(m.Contains(2, 0));
    }

    [Fact]
    public void Transpose_swaps_rows_and_columns_and_keeps_entry_ids()
    {
        var m = CsrMatrix.FromCoordinates(2, 3, [0, 1, 0], [2, 2, 0], [1, 2, 3]);

        var t = m.Transpose();

        Assert.Equal(3, t.RowCount);
        Assert.Equal(2, t.ColumnCount);
        Assert.Equal([0, 1, 1, 3], t.RowPointers.ToArray());
        Assert.Equal([0, 0, 1], t.Columns.ToArray());
        Assert.Equal([3f, 1, 2], t.Values.ToArray());
        Assert.Equal([2, 0, 1], t.EntryIds.ToArray());
    }

    [Fact]
    public void Transposing_twice_gives_the_original()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 50; trial++)
        {
            var m = RandomMatrix(random, out _, out _, out _);

            AssertSame(m, m.Transpose().Transpose());
        }
    }

    [Fact]
    public void Random_matrices_match_a_dense_reference()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 50; trial++)
        {
            var m = RandomMatrix(random, out var rows, out var columns, out var values);

            // Reference: each row lists (column, value, source) sorted by column then source.
            for (var r = 0; r < m.RowCount; r++)
            {
                var expected = Enumerable.Range(0, rows.Length).Where(i => rows[i] == r).OrderBy(i => columns[i]).ThenBy(i => i).ToArray();
                Assert.Equal(expected, m.RowEntryIds(r).ToArray());
                Assert.Equal(expected.Select(i => columns[i]), m.RowColumns(r).ToArray());
                Assert.Equal(expected.Select(i => values[i]), m.RowValues(r).ToArray());
            }

            // Dense sums agree in both orientations.
            var dense = new float[m.RowCount, m.ColumnCount];
            for (var i = 0; i < rows.Length; i++)
            {
                dense[rows[i], columns[i]] += values[i];
            }

            var t = m.Transpose();
            for (var c = 0; c < t.RowCount; c++)
            {
                var sums = new float[m.RowCount];
                var users = t.RowColumns(c);
                var v = t.RowValues(c);
                for (var k = 0; k < users.Length; k++)
                {
                    sums[users[k]] += v[k];
                }

                for (var r = 0; r < m.RowCount; r++)
                {
                    Assert.Equal(dense[r, c], sums[r]);
                    Assert.Equal(dense[r, c] != 0, m.Contains(r, c));
                }
            }
        }
    }

    [Fact]
    public void Empty_matrices_are_allowed()
    {
        var none = CsrMatrix.FromCoordinates(0, 0, [], [], []);
        var blank = CsrMatrix.FromCoordinates(3, 4, [], [], []);

        Assert.Equal(0, none.EntryCount);
        Assert.Equal([0], none.RowPointers.ToArray());
        Assert.Equal(0, none.Transpose().RowCount);
        Assert.Equal([0, 0, 0, 0], blank.RowPointers.ToArray());
        Assert.Equal(0, blank.RowLength(2));
        Assert.Equal(4, blank.Transpose().RowCount);
        Assert.Equal(5, blank.Transpose().RowPointers.Length);
    }

    [Fact]
    public void Bad_coordinates_throw()
    {
        Assert.Throws<ArgumentException>(() => CsrMatrix.FromCoordinates(2, 2, [2], [0], [1]));
        Assert.Throws<ArgumentException>(() => CsrMatrix.FromCoordinates(2, 2, [0], [-1], [1]));
        Assert.Throws<ArgumentException>(() => CsrMatrix.FromCoordinates(2, 2, [0, 1], [0], [1]));
        Assert.Throws<ArgumentException>(() => CsrMatrix.FromCoordinates(2, 2, [0], [0], [1, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => CsrMatrix.FromCoordinates(-1, 2, [], [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => CsrMatrix.FromCoordinates(2, -1, [], [], []));
    }

    private static CsrMatrix RandomMatrix(Random random, out int[] rows, out int[] columns, out float[] values)
    {
        var rowCount = random.Next(0, 12);
        var columnCount = random.Next(0, 12);
        var n = rowCount == 0 || columnCount == 0 ? 0 : random.Next(0, 60);
        rows = new int[n];
        columns = new int[n];
        values = new float[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = random.Next(rowCount);
            columns[i] = random.Next(columnCount);
            values[i] = random.Next(1, 100); // small integers keep the dense sums exact
        }

        return CsrMatrix.FromCoordinates(rowCount, columnCount, rows, columns, values);
    }

    private static void AssertSame(CsrMatrix expected, CsrMatrix actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.ColumnCount, actual.ColumnCount);
        Assert.Equal(expected.RowPointers.ToArray(), actual.RowPointers.ToArray());
        Assert.Equal(expected.Columns.ToArray(), actual.Columns.ToArray());
        Assert.Equal(expected.Values.ToArray(), actual.Values.ToArray());
        Assert.Equal(expected.EntryIds.ToArray(), actual.EntryIds.ToArray());
    }
}
