namespace Affinity.Core.Retrieval;

/// <summary>
/// An approximate nearest-neighbour index over item vectors: Hierarchical Navigable Small World
/// graphs (Malkov and Yashunin, "Efficient and robust approximate nearest neighbor search using
/// Hierarchical Navigable Small World graphs", IEEE TPAMI 42(4), 2018), written here and following
/// the paper's algorithms 1, 2 and 4 as hnswlib implements them (heuristic neighbour selection,
/// 2 M links on layer 0, the closest found node as the next layer's entry).
/// </summary>
/// <remarks>
/// <para>
/// Maximum inner product search is not a metric search (an item is not its own best match). By
/// default (<see cref="InnerProductGraph.Direct"/>) the graph is built and searched on the plain
/// inner product, as hnswlib's "ip" space and the ip-NSW of Morozov and Babenko (NeurIPS 2018) do.
/// With <see cref="InnerProductGraph.Reduced"/> the index applies the reduction of Bachrach et
/// al. (RecSys 2014) instead: each item y is stored as [y, sqrt(Φ² − ‖y‖²)], Φ the largest item norm, and
/// a query q is compared as [q, 0]. All stored rows then have the norm Φ, the graph is built on
/// their angles, and for every query the order of q·y is exactly the order of Euclidean distance
/// between the augmented vectors, so the graph's neighbourhoods serve inner-product queries.
/// The scores returned are the plain q·y. Under <see cref="RetrievalMetric.Cosine"/> items and
/// queries are scaled to unit length and the score is their dot product.
/// </para>
/// <para>
/// Built on one thread, the graph depends only on the vectors and the options (the seed draws the
/// levels). A multi-threaded build is faster and equally good but not reproducible. Searches are
/// thread-safe and allocate nothing once the pooled scratch exists: the visited set is an int array
/// stamped with a generation number per search. Save and Load store the index in model-file
/// sections, either beside a model's own sections or as a file of its own.
/// </para>
/// </remarks>
public sealed partial class HnswIndex : IItemRetriever
{
    private readonly HnswGraph _graph;
    private readonly ScratchPool<HnswScratch> _pool;

    private HnswIndex(HnswGraph graph, int dimensions, HnswOptions options)
    {
        _graph = graph;
        Dimensions = dimensions;
        Options = options;
        _pool = new ScratchPool<HnswScratch>(() => new HnswScratch(graph.Count, dimensions, graph.M0, options.EfSearch));
    }

    /// <summary>The options the index was built with.</summary>
    public HnswOptions Options { get; }

    /// <inheritdoc/>
    public int Count => _graph.Count;

    /// <inheritdoc/>
    public int Dimensions { get; }

    /// <inheritdoc/>
    public RetrievalMetric Metric => Options.Metric;

    /// <summary>The top layer of the graph; -1 when the index is empty.</summary>
    public int MaxLevel => _graph.MaxLevel;

    /// <summary>Builds an index over row-major item vectors; item i is row i.</summary>
    /// <param name="items">Item vectors, row after row; copied, so the caller may change them afterwards.</param>
    /// <param name="dimensions">The length of each row.</param>
    /// <param name="options">The graph's options; the defaults when null.</param>
    /// <param name="maxDegreeOfParallelism">Threads to build with: 1 (the default) for a graph that
    /// the seed fixes, more for a faster build that varies between runs, -1 for every core.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    /// <exception cref="ArgumentException"><paramref name="items"/> is not a whole number of rows.</exception>
    public static HnswIndex Build(ReadOnlySpan<float> items, int dimensions, HnswOptions? options = null, int maxDegreeOfParallelism = 1, CancellationToken cancellationToken = default)
    {
        options ??= new HnswOptions();
        RetrievalVectors.RowCount(items, dimensions);
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 for every core or a positive thread count.");
        }

        var (vectors, stride) = (options.Metric, options.InnerProductGraph) switch
        {
            (RetrievalMetric.Cosine, _) => (RetrievalVectors.Normalized(items, dimensions), dimensions),
            (_, InnerProductGraph.Direct) => (items.ToArray(), dimensions),
            _ => (RetrievalVectors.Augmented(items, dimensions), dimensions + 1),
        };
        var graph = HnswBuilder.Build(vectors, stride, options, maxDegreeOfParallelism, cancellationToken);
        return new HnswIndex(graph, dimensions, options);
    }

    /// <inheritdoc/>
    public int Search(ReadOnlySpan<float> query, Span<int> ids, Span<float> scores, RetrievalFilter filter = default) =>
        Search(query, ids, scores, Options.EfSearch, filter);

    /// <summary>
    /// As <see cref="Search(ReadOnlySpan{float}, Span{int}, Span{float}, RetrievalFilter)"/>, with the
    /// candidate list size <paramref name="efSearch"/> instead of <see cref="HnswOptions.EfSearch"/>
    /// (raised to k when smaller): larger finds more of the true top-k, more slowly.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="efSearch"/> is not positive.</exception>
    public int Search(ReadOnlySpan<float> query, Span<int> ids, Span<float> scores, int efSearch, RetrievalFilter filter = default)
    {
        RetrievalVectors.CheckSearch(query, Dimensions, ids, scores);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(efSearch);
        filter.CheckCovers(Count);
        if (ids.IsEmpty || Count == 0)
        {
            return 0;
        }

        var scratch = _pool.Rent();
        try
        {
            var q = query;
            if (Metric == RetrievalMetric.Cosine)
            {
                RetrievalVectors.NormalizeInto(query, scratch.Query);
                q = scratch.Query.AsSpan(0, Dimensions);
            }

            var graph = _graph;
            var entry = graph.EntryPoint;
            var similarity = graph.Similarity(q, entry);
            for (var layer = graph.MaxLevel; layer > 0; layer--)
            {
                entry = graph.Greedy(q, entry, ref similarity, layer, scratch);
            }

            graph.SearchLayer(q, entry, similarity, Math.Max(efSearch, ids.Length), 0, filter, scratch);
            return TakeBest(scratch, ids, scores);
        }
        finally
        {
            _pool.Return(scratch);
        }
    }

    /// <summary>The best of the result heap into the caller's spans, best first, ties to the smaller id.</summary>
    private static int TakeBest(HnswScratch scratch, Span<int> ids, Span<float> scores)
    {
        var results = scratch.Results;
        var found = results.Count;
        scratch.EnsureSelect(found);
        var nodes = scratch.SelectNodes;
        var keys = scratch.SelectKeys;

        // The heap pops worst first; filling from the back leaves the best first.
        for (var i = found - 1; i >= 0; i--)
        {
            keys[i] = results.TopKey;
            nodes[i] = results.Pop();
        }

        // Equal scores may come out of the heap in any order; an insertion pass, near linear on
        // sorted input, puts them in id order.
        for (var i = 1; i < found; i++)
        {
            var node = nodes[i];
            var key = keys[i];
            var j = i - 1;
            while (j >= 0 && keys[j] == key && nodes[j] > node)
            {
                nodes[j + 1] = nodes[j];
                keys[j + 1] = keys[j];
                j--;
            }

            nodes[j + 1] = node;
            keys[j + 1] = key;
        }

        var count = Math.Min(found, ids.Length);
        nodes.AsSpan(0, count).CopyTo(ids);
        keys.AsSpan(0, count).CopyTo(scores);
        return count;
    }
}
