namespace Affinity.Models.Neighborhood;

/// <summary>
/// One thread's accumulators for the similarities of one row against all others: per other row the
/// co-support count and the sums the measure needs, plus the list of rows touched, so that only
/// those are read and reset. Reused row after row; never shared between threads.
/// </summary>
internal sealed class PairScratch
{
    public PairScratch(int rowCount, bool coRated, int neighbors)
    {
        Counts = new int[rowCount];
        Dots = new double[rowCount];
        Touched = new int[rowCount];
        Heap = new NeighborHeap(neighbors);
        if (coRated)
        {
            SourceSquares = new double[rowCount];
            TargetSquares = new double[rowCount];
            SourceSums = new double[rowCount];
            TargetSums = new double[rowCount];
        }
        else
        {
            SourceSquares = TargetSquares = SourceSums = TargetSums = [];
        }
    }

    /// <summary>The number of columns the row shares with each other row (the co-support n).</summary>
    public int[] Counts { get; }

    /// <summary>Sum of x_a x_b over the shared columns.</summary>
    public double[] Dots { get; }

    /// <summary>Sum of x_a^2 over the shared columns (co-rated measures only).</summary>
    public double[] SourceSquares { get; }

    /// <summary>Sum of x_b^2 over the shared columns (co-rated measures only).</summary>
    public double[] TargetSquares { get; }

    /// <summary>Sum of x_a over the shared columns (co-rated measures only).</summary>
    public double[] SourceSums { get; }

    /// <summary>Sum of x_b over the shared columns (co-rated measures only).</summary>
    public double[] TargetSums { get; }

    /// <summary>The rows with a non-zero count, in the order first met.</summary>
    public int[] Touched { get; }

    /// <summary>The top-k selection of the current row.</summary>
    public NeighborHeap Heap { get; }
}
