using System.Collections.Concurrent;
using Affinity.Core.Recommending;

namespace Affinity.Models.Neighborhood;

/// <summary>
/// Builds a <see cref="SimilarityMatrix"/> from weighted rows: for every row, the similarities to all
/// rows that share a column with it are accumulated in per-thread dense scratch arrays (the
/// sparse-times-sparse product of implicit's <c>all_pairs_knn</c>), and a fixed-size heap keeps the k
/// best. Rows are independent, so they are computed in parallel; each row's result depends only on
/// the data, never on the thread that computed it, so any degree of parallelism gives the same matrix.
/// </summary>
internal static class SimilarityBuilder
{
    private const int BlocksForProgress = 50;

    /// <summary>Keeps at most <see cref="KnnSettings.StoredNeighbors"/> neighbours per row.</summary>
    public static SimilarityMatrix Build(WeightedRows rows, KnnSettings settings, FitContext context)
    {
        var rowCount = rows.RowCount;
        var k = Math.Min(settings.StoredNeighbors, Math.Max(rowCount - 1, 0));
        var slots = checked(rowCount * k);
        var allNeighbors = new int[slots];
        var allSimilarities = new float[slots];
        var lengths = new int[rowCount];
        var pool = new ConcurrentBag<PairScratch>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = context.MaxDegreeOfParallelism, CancellationToken = context.CancellationToken };
        var blockSize = Math.Max(64, (rowCount + BlocksForProgress - 1) / BlocksForProgress);
        for (var start = 0; start < rowCount; start += blockSize)
        {
            var end = Math.Min(rowCount, start + blockSize);
            Parallel.For(
                start,
                end,
                parallel,
                () => pool.TryTake(out var scratch) ? scratch : new PairScratch(rowCount, settings.CoRated, k),
                (row, _, scratch) =>
                {
                    rows.Search(rows.RowColumns(row), rows.RowWeights(row), rows.RowStat(row), row, scratch);
                    var at = row * k;
                    lengths[row] = scratch.Heap.Drain(allNeighbors.AsSpan(at, k), allSimilarities.AsSpan(at, k));
                    return scratch;
                },
                pool.Add);
            context.Progress?.Report(new FitProgress("similarities", end, rowCount));
        }

        return Compact(rowCount, k, lengths, allNeighbors, allSimilarities);
    }

    private static SimilarityMatrix Compact(int rowCount, int k, int[] lengths, int[] neighbors, float[] similarities)
    {
        var pointers = new int[rowCount + 1];
        for (var r = 0; r < rowCount; r++)
        {
            pointers[r + 1] = pointers[r] + lengths[r];
        }

        if (pointers[rowCount] == neighbors.Length)
        {
            return SimilarityMatrix.FromSortedRows(rowCount, pointers, neighbors, similarities);
        }

        var packedNeighbors = new int[pointers[rowCount]];
        var packedSimilarities = new float[pointers[rowCount]];
        for (var r = 0; r < rowCount; r++)
        {
            neighbors.AsSpan(r * k, lengths[r]).CopyTo(packedNeighbors.AsSpan(pointers[r]));
            similarities.AsSpan(r * k, lengths[r]).CopyTo(packedSimilarities.AsSpan(pointers[r]));
        }

        return SimilarityMatrix.FromSortedRows(rowCount, pointers, packedNeighbors, packedSimilarities);
    }
}
