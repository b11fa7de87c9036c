namespace Affinity.Core.Retrieval;

/// <summary>Chooses exact or approximate retrieval by catalogue size.</summary>
public static class ItemRetrievers
{
    /// <summary>
    /// The catalogue size up to which <see cref="Create"/> scores exactly. Below it, one query
    /// reads the whole catalogue in well under a millisecond at 64 dimensions, and exact results
    /// need no build; above it an HNSW search, which scores a few thousand items, wins
    /// (bench/README.md has the measurements).
    /// </summary>
    public const int DefaultExactLimit = 20_000;

    /// <summary>
    /// An <see cref="ExactRetriever"/> when the catalogue has at most <paramref name="exactLimit"/>
    /// items, an <see cref="HnswIndex"/> built with <paramref name="options"/> otherwise.
    /// </summary>
    /// <param name="items">Item vectors, row after row.</param>
    /// <param name="dimensions">The length of each row.</param>
    /// <param name="options">The index's options (and the metric for both); defaults when null.</param>
    /// <param name="exactLimit">The largest catalogue scored exactly; at least 0.</param>
    /// <param name="maxDegreeOfParallelism">Threads for the index build, as in <see cref="HnswIndex.Build"/>.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    public static IItemRetriever Create(ReadOnlySpan<float> items, int dimensions, HnswOptions? options = null, int exactLimit = DefaultExactLimit, int maxDegreeOfParallelism = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exactLimit);
        options ??= new HnswOptions();
        var count = RetrievalVectors.RowCount(items, dimensions);
        return count <= exactLimit
            ? new ExactRetriever(items, dimensions, options.Metric)
            : HnswIndex.Build(items, dimensions, options, maxDegreeOfParallelism, cancellationToken);
    }
}
