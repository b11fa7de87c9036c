namespace Affinity.Core.Retrieval;

/// <summary>
/// Options of <see cref="HnswIndex"/>: immutable, validated when set, and a JSON round trip keeps
/// them. The names and defaults follow Malkov and Yashunin, "Efficient and robust approximate
/// nearest neighbor search using Hierarchical Navigable Small World graphs" (TPAMI 2018), and their
/// library hnswlib: <c>M</c> 16 and <c>ef_construction</c> 200 are hnswlib's defaults. The default
/// <see cref="EfSearch"/> of 100 is ours (hnswlib's 10 is tuned for speed, not recall): on the item
/// factors of <c>als</c> trained on MovieLens 1M (with the reduced inner-product graph) it gives a recall@10 of 0.984 against exact inner-
/// product search, where 50 gives 0.954. Random isotropic vectors of 64 dimensions, the hardest
/// case, need far more (bench/README.md has the measurements).
/// </summary>
public sealed record HnswOptions
{
    /// <summary>The largest <see cref="M"/> accepted: a node's layer-0 list holds 2 M links.</summary>
    public const int MaxM = 512;

    /// <summary>The scoring the index answers; inner product (maximum inner product search) by default.</summary>
    public RetrievalMetric Metric
    {
        get;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(Metric), value, $"The option '{nameof(Metric)}' must be one of {string.Join(", ", Enum.GetNames<RetrievalMetric>())}.");
            }

            field = value;
        }
    }

    /// <summary>
    /// How the graph is built for <see cref="RetrievalMetric.InnerProduct"/>; ignored for cosine.
    /// <see cref="InnerProductGraph.Direct"/> by default: on 20k structured synthetic factors it finds
    /// 0.989 of the top 10 at ef 100 where <see cref="InnerProductGraph.Reduced"/> finds 0.634
    /// (bench/README.md).
    /// </summary>
    public InnerProductGraph InnerProductGraph
    {
        get;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(InnerProductGraph), value, $"The option '{nameof(InnerProductGraph)}' must be one of {string.Join(", ", Enum.GetNames<InnerProductGraph>())}.");
            }

            field = value;
        }
    }

    /// <summary>
    /// Links a node keeps per upper layer (the paper's M and M_max); layer 0 keeps 2 M (M_max0), and
    /// the level of a node is drawn with the normalisation m_L = 1 / ln M. From 2 to <see cref="MaxM"/>.
    /// </summary>
    public int M
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 2, nameof(M));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxM, nameof(M));
            field = value;
        }
    } = 16;

    /// <summary>The candidate list size while inserting (the paper's efConstruction); at least 1.</summary>
    public int EfConstruction
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(EfConstruction));
            field = value;
        }
    } = 200;

    /// <summary>
    /// The candidate list size while searching (the paper's ef), unless a search names its own; a
    /// search for k items uses at least k. Larger is slower and finds more of the true top-k. At least 1.
    /// </summary>
    public int EfSearch
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(EfSearch));
            field = value;
        }
    } = 100;

    /// <summary>Seeds the draw of every node's level; a build on one thread with the same seed gives the same graph.</summary>
    public int Seed { get; init; } = 42;
}
