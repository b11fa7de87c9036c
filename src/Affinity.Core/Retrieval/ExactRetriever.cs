using System.Numerics.Tensors;
using Affinity.Core.Kernels;

namespace Affinity.Core.Retrieval;

/// <summary>
/// Exact retrieval: scores every item with <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
/// and keeps the best with <see cref="TopK.Select"/>, so results are the true top-k (ties to the
/// smaller id). It reads every item vector per query, so its time grows with the catalogue; below a
/// few tens of thousands of items it is as fast as an index and needs no build. Immutable: it keeps
/// its own copy of the vectors (unit-length copies under <see cref="RetrievalMetric.Cosine"/>).
/// Searches from many threads at once share pooled scratch and allocate nothing.
/// </summary>
public sealed class ExactRetriever : IItemRetriever
{
    private readonly float[] _vectors;
    private readonly ScratchPool<Scratch> _pool;

    /// <summary>Creates a retriever over row-major item vectors.</summary>
    /// <param name="items">Item vectors, row after row; item i is row i.</param>
    /// <param name="dimensions">The length of each row.</param>
    /// <param name="metric">How items are scored.</param>
    /// <exception cref="ArgumentException"><paramref name="items"/> is not a whole number of rows.</exception>
    public ExactRetriever(ReadOnlySpan<float> items, int dimensions, RetrievalMetric metric = RetrievalMetric.InnerProduct)
    {
        Count = RetrievalVectors.RowCount(items, dimensions);
        if (!Enum.IsDefined(metric))
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric.");
        }

        Dimensions = dimensions;
        Metric = metric;
        _vectors = metric == RetrievalMetric.Cosine ? RetrievalVectors.Normalized(items, dimensions) : items.ToArray();
        _pool = new ScratchPool<Scratch>(() => new Scratch(Count, dimensions));
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public int Dimensions { get; }

    /// <inheritdoc/>
    public RetrievalMetric Metric { get; }

    /// <inheritdoc/>
    public int Search(ReadOnlySpan<float> query, Span<int> ids, Span<float> scores, RetrievalFilter filter = default)
    {
        RetrievalVectors.CheckSearch(query, Dimensions, ids, scores);
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
                q = scratch.Query;
            }

            var all = scratch.Scores.AsSpan();
            var vectors = _vectors.AsSpan();
            var filtered = !filter.IsEmpty;
            for (var i = 0; i < all.Length; i++)
            {
                // TopK.Select never picks a NaN, so NaN marks what the filter leaves out.
                all[i] = filtered && !filter.Allows(i) ? float.NaN : TensorPrimitives.Dot(q, vectors.Slice(i * Dimensions, Dimensions));
            }

            var k = Math.Min(ids.Length, Count);
            return TopK.Select(all, default, ids[..k], scores[..k]);
        }
        finally
        {
            _pool.Return(scratch);
        }
    }

    private sealed class Scratch(int count, int dimensions)
    {
        public float[] Scores { get; } = new float[count];

        public float[] Query { get; } = new float[dimensions];
    }
}
