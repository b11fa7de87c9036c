using Affinity.Core.Data;
using Affinity.Core.Persistence;

namespace Affinity.Models.Content;

/// <summary>
/// Sparse-row helpers the feature models share: normalising rows, and writing and reading a
/// <see cref="CsrMatrix"/> as model-file sections with its shape checked on load.
/// </summary>
internal static class SparseRows
{
    /// <summary>A copy of <paramref name="matrix"/> whose every non-empty row has Euclidean norm 1.</summary>
    public static CsrMatrix L2Normalized(CsrMatrix matrix) => Scaled(matrix, static row =>
    {
        var sum = 0.0;
        foreach (var v in row)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum);
    });

    /// <summary>A copy of <paramref name="matrix"/> whose every non-empty row sums (in absolute value) to 1.</summary>
    public static CsrMatrix L1Normalized(CsrMatrix matrix) => Scaled(matrix, static row =>
    {
        var sum = 0.0;
        foreach (var v in row)
        {
            sum += Math.Abs(v);
        }

        return sum;
    });

    /// <summary>Writes the matrix as "<paramref name="name"/>.shape", ".rowPointers", ".columns" and ".values".</summary>
    public static void Save(ModelWriter writer, string name, CsrMatrix matrix)
    {
        writer.Write(name + ".shape", [matrix.RowCount, matrix.ColumnCount]);
        writer.Write(name + ".rowPointers", matrix.RowPointers);
        writer.Write(name + ".columns", matrix.Columns);
        writer.Write(name + ".values", matrix.Values);
    }

    /// <summary>Reads a matrix written by <see cref="Save"/>, checking it has <paramref name="rows"/> rows and, when not negative, <paramref name="columns"/> columns.</summary>
    public static CsrMatrix Load(ModelReader reader, string name, int rows, int columns = -1)
    {
        var shape = reader.ReadInt32s(name + ".shape");
        if (shape.Length != 2 || shape[0] != rows || shape[1] < 0 || (columns >= 0 && shape[1] != columns))
        {
            throw reader.Invalid(name, $"expected {rows} rows and {(columns >= 0 ? columns.ToString(System.Globalization.CultureInfo.InvariantCulture) : "any number of")} columns, found shape [{string.Join(", ", shape)}].");
        }

        try
        {
            var indexes = reader.ReadInt32s(name + ".columns");
            return CsrMatrix.FromParts(shape[0], shape[1], reader.ReadInt32s(name + ".rowPointers"), indexes, reader.ReadSingles(name + ".values"), new int[indexes.Length]);
        }
        catch (ArgumentException e)
        {
            throw reader.Invalid(name, e.Message);
        }
    }

    private static CsrMatrix Scaled(CsrMatrix matrix, Func<ReadOnlySpan<float>, double> norm)
    {
        var values = matrix.Values.ToArray();
        for (var r = 0; r < matrix.RowCount; r++)
        {
            var start = matrix.RowPointers[r];
            var row = values.AsSpan(start, matrix.RowLength(r));
            var length = norm(row);
            if (length > 0)
            {
                for (var k = 0; k < row.Length; k++)
                {
                    row[k] = (float)(row[k] / length);
                }
            }
        }

        return CsrMatrix.FromParts(matrix.RowCount, matrix.ColumnCount, matrix.RowPointers.ToArray(), matrix.Columns.ToArray(), values, matrix.EntryIds.ToArray());
    }
}
