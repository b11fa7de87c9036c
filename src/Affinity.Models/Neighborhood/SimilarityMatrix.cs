using Affinity.Core.Persistence;

namespace Affinity.Models.Neighborhood;

/// <summary>
/// A sparse top-k similarity matrix: for every row (an item, or a user) at most k neighbours with
/// their similarities, stored CSR-like in three flat arrays, never as a dense rows x rows matrix.
/// Within a row the neighbours are sorted by similarity, highest first, ties to the smaller index;
/// a row never lists itself, and every kept similarity is a finite number above zero. Immutable.
/// </summary>
/// <remarks>
/// The same layout as the sparse matrix that implicit's <c>all_pairs_knn</c> returns and the pruned
/// <c>W</c> of RecBole's <c>ItemKNN</c>, except that rows are ordered by similarity rather than by
/// neighbour index, so "the k most similar neighbours that the user rated" is a walk from the start.
/// </remarks>
public sealed class SimilarityMatrix
{
    private readonly int[] _rowPointers;
    private readonly int[] _neighbors;
    private readonly float[] _similarities;

    private SimilarityMatrix(int rowCount, int[] rowPointers, int[] neighbors, float[] similarities)
    {
        RowCount = rowCount;
        _rowPointers = rowPointers;
        _neighbors = neighbors;
        _similarities = similarities;
    }

    /// <summary>The number of rows; neighbour indexes lie in <c>0..RowCount-1</c> too.</summary>
    public int RowCount { get; }

    /// <summary>The number of stored (row, neighbour) pairs.</summary>
    public int EntryCount => _neighbors.Length;

    /// <summary>Row <c>r</c> occupies entries <c>RowPointers[r]..RowPointers[r+1]-1</c>.</summary>
    public ReadOnlySpan<int> RowPointers => _rowPointers;

    /// <summary>The number of neighbours stored for a row.</summary>
    public int RowLength(int row) => _rowPointers[row + 1] - _rowPointers[row];

    /// <summary>The neighbours of a row, most similar first.</summary>
    public ReadOnlySpan<int> Neighbors(int row) => _neighbors.AsSpan(_rowPointers[row], RowLength(row));

    /// <summary>The similarities of a row's neighbours, aligned with <see cref="Neighbors"/> (non-increasing).</summary>
    public ReadOnlySpan<float> Similarities(int row) => _similarities.AsSpan(_rowPointers[row], RowLength(row));

    /// <summary>The stored similarity of <paramref name="neighbor"/> in <paramref name="row"/>'s list, or 0 when it is not among the kept neighbours.</summary>
    public float Similarity(int row, int neighbor)
    {
        var neighbors = Neighbors(row);
        var at = neighbors.IndexOf(neighbor);
        return at < 0 ? 0f : Similarities(row)[at];
    }

    /// <summary>Rebuilds a matrix from its arrays (which it then owns), checking every invariant.</summary>
    /// <exception cref="ArgumentException">
    /// The arrays do not fit together, a neighbour is out of range or is its own row, appears twice in a row,
    /// a similarity is not a finite number above zero, or a row is not sorted as described above.
    /// </exception>
    public static SimilarityMatrix FromParts(int rowCount, int[] rowPointers, int[] neighbors, float[] similarities)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentNullException.ThrowIfNull(rowPointers);
        ArgumentNullException.ThrowIfNull(neighbors);
        ArgumentNullException.ThrowIfNull(similarities);
        if (rowPointers.Length != rowCount + 1 || rowPointers[0] != 0 || rowPointers[^1] != neighbors.Length || similarities.Length != neighbors.Length)
        {
            throw new ArgumentException("The row pointers, neighbours and similarities do not fit together.", nameof(rowPointers));
        }

        var seen = new HashSet<int>();
        for (var r = 0; r < rowCount; r++)
        {
            if (rowPointers[r + 1] < rowPointers[r])
            {
                throw new ArgumentException($"Row pointer {r + 1} goes backwards.", nameof(rowPointers));
            }

            seen.Clear();
            for (var e = rowPointers[r]; e < rowPointers[r + 1]; e++)
            {
                CheckEntry(rowCount, r, e, neighbors, similarities, seen);
            }
        }

        return new SimilarityMatrix(rowCount, rowPointers, neighbors, similarities);
    }

    /// <summary>Writes the matrix as the sections "<paramref name="name"/>.rowPointers", ".neighbors" and ".similarities".</summary>
    public void Save(ModelWriter writer, string name)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(name + ".rowPointers", _rowPointers);
        writer.Write(name + ".neighbors", _neighbors);
        writer.Write(name + ".similarities", _similarities);
    }

    /// <summary>Reads a matrix written by <see cref="Save"/>, checking that it has <paramref name="rowCount"/> rows and every invariant.</summary>
    /// <exception cref="InvalidDataException">The sections are missing or do not form a valid matrix of that many rows.</exception>
    public static SimilarityMatrix Load(ModelReader reader, string name, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var pointers = reader.ReadInt32s(name + ".rowPointers");
        if (pointers.Length != rowCount + 1)
        {
            throw reader.Invalid(name + ".rowPointers", $"{pointers.Length} pointers for {rowCount} rows.");
        }

        try
        {
            return FromParts(rowCount, pointers, reader.ReadInt32s(name + ".neighbors"), reader.ReadSingles(name + ".similarities"));
        }
        catch (ArgumentException e)
        {
            throw reader.Invalid(name, e.Message);
        }
    }

    /// <summary>Builds a matrix from per-row lists already in the stored order (the builder's output).</summary>
    internal static SimilarityMatrix FromSortedRows(int rowCount, int[] rowPointers, int[] neighbors, float[] similarities)
        => new(rowCount, rowPointers, neighbors, similarities);

    private static void CheckEntry(int rowCount, int row, int entry, int[] neighbors, float[] similarities, HashSet<int> seen)
    {
        var neighbor = neighbors[entry];
        var similarity = similarities[entry];
        if ((uint)neighbor >= (uint)rowCount || neighbor == row || !seen.Add(neighbor))
        {
            throw new ArgumentException($"Row {row} lists the neighbour {neighbor}, which is out of range, the row itself, or a repeat.", nameof(neighbors));
        }

        if (!float.IsFinite(similarity) || similarity <= 0)
        {
            throw new ArgumentException($"Row {row} holds the similarity {similarity}; only finite values above zero are kept.", nameof(similarities));
        }

        if (entry > 0 && seen.Count > 1)
        {
            var previous = similarities[entry - 1];
            if (previous < similarity || (previous == similarity && neighbors[entry - 1] > neighbor))
            {
                throw new ArgumentException($"Row {row} is not sorted by similarity at entry {entry}.", nameof(similarities));
            }
        }
    }
}
