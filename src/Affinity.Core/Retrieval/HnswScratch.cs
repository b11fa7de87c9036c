namespace Affinity.Core.Retrieval;

/// <summary>
/// What one search or one insertion needs besides the graph, pooled per index: the visited set as
/// a generation-stamped array (a node is visited when its stamp equals the current generation, so
/// clearing it costs one increment), the two heaps, a copy of one neighbour list, a prepared query,
/// and the buffers of the neighbour-selection heuristic.
/// </summary>
internal sealed class HnswScratch
{
    private readonly int[] _stamps;
    private int _generation;

    public HnswScratch(int nodes, int vectorLength, int maxLinks, int ef)
    {
        _stamps = new int[nodes];
        Candidates = new NodeHeap(ef + 1);
        Results = new NodeHeap(ef + 1);
        Links = new int[maxLinks + 1];
        Query = new float[vectorLength];
        SelectNodes = new int[Math.Max(ef, maxLinks) + 1];
        SelectKeys = new float[SelectNodes.Length];
        Chosen = new int[maxLinks + 1];
    }

    /// <summary>The unexplored nodes, keyed by negated similarity so the best is on top.</summary>
    public NodeHeap Candidates { get; }

    /// <summary>The best nodes found, keyed by similarity so the worst kept is on top.</summary>
    public NodeHeap Results { get; }

    /// <summary>A copy of one neighbour list, taken under its lock while the graph is being built.</summary>
    public int[] Links { get; }

    /// <summary>The query as the graph compares it (normalised, or a node's stored row).</summary>
    public float[] Query { get; }

    /// <summary>Candidate nodes for the heuristic, and then the final ranking of a search.</summary>
    public int[] SelectNodes { get; private set; }

    /// <summary>Their similarities to the base node or the query.</summary>
    public float[] SelectKeys { get; private set; }

    /// <summary>The nodes the heuristic keeps.</summary>
    public int[] Chosen { get; }

    /// <summary>Starts a new visited set.</summary>
    public void ClearVisited()
    {
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamps);
            _generation = 1;
        }
    }

    /// <summary>Marks <paramref name="node"/> visited; false when it already was.</summary>
    public bool Visit(int node)
    {
        if (_stamps[node] == _generation)
        {
            return false;
        }

        _stamps[node] = _generation;
        return true;
    }

    /// <summary>Grows the selection buffers to hold <paramref name="count"/> entries.</summary>
    public void EnsureSelect(int count)
    {
        if (SelectNodes.Length < count)
        {
            SelectNodes = new int[count];
            SelectKeys = new float[count];
        }
    }
}
