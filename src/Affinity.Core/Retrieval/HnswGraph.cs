using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Affinity.Core.Retrieval;

/// <summary>
/// The layered graph of <see cref="HnswIndex"/> and the two walks over it (Malkov and Yashunin,
/// TPAMI 2018, algorithms 2 and 4). Layer 0 lists live in one flat array, 2 M + 1 ints per node
/// (a count, then the links); the upper layers of the few nodes that have them (a share 1/M of
/// the nodes per layer) live in a second flat array, M + 1 ints per node and layer. Similarity is
/// the dot product of stored rows, which the index prepares so that it orders items as the metric
/// does. While a multi-threaded build runs, each list is read and written under a striped lock;
/// once built the graph is immutable and read without locks.
/// </summary>
internal sealed class HnswGraph
{
    private const int StripeCount = 4096;

    private readonly Lock[]? _stripes;

    public HnswGraph(float[] vectors, int stride, int m, int[] levels, bool concurrent)
        : this(vectors, stride, m, levels, UpperOffsets(levels, m, out var upperLength), null, null, upperLength)
    {
        if (concurrent)
        {
            _stripes = new Lock[StripeCount];
            for (var i = 0; i < _stripes.Length; i++)
            {
                _stripes[i] = new Lock();
            }
        }
    }

    public HnswGraph(float[] vectors, int stride, int m, int[] levels, int[] links0, int[] linksUpper, int entryPoint, int maxLevel)
        : this(vectors, stride, m, levels, UpperOffsets(levels, m, out _), links0, linksUpper, 0)
    {
        EntryPoint = entryPoint;
        MaxLevel = maxLevel;
    }

    private HnswGraph(float[] vectors, int stride, int m, int[] levels, int[] upperOffsets, int[]? links0, int[]? linksUpper, long upperLength)
    {
        Vectors = vectors;
        Stride = stride;
        M = m;
        M0 = 2 * m;
        Levels = levels;
        UpperOffsetOf = upperOffsets;
        Links0 = links0 ?? new int[checked(levels.Length * (M0 + 1))];
        LinksUpper = linksUpper ?? new int[checked((int)upperLength)];
        EntryPoint = -1;
        MaxLevel = -1;
    }

    /// <summary>The stored rows, <see cref="Stride"/> floats each.</summary>
    public float[] Vectors { get; }

    public int Stride { get; }

    /// <summary>The most links per node on layers above 0.</summary>
    public int M { get; }

    /// <summary>The most links per node on layer 0.</summary>
    public int M0 { get; }

    public int Count => Levels.Length;

    /// <summary>Each node's top layer.</summary>
    public int[] Levels { get; }

    public int[] Links0 { get; }

    public int[] LinksUpper { get; }

    public int EntryPoint { get; private set; }

    public int MaxLevel { get; private set; }

    /// <summary>Where each node's layer-1 list starts in <see cref="LinksUpper"/>; -1 for a node of layer 0 only.</summary>
    private int[] UpperOffsetOf { get; }

    /// <summary>The guard of the entry point while a multi-threaded build runs.</summary>
    public Lock EntryLock { get; } = new();

    public bool Concurrent => _stripes is not null;

    /// <summary>The expected length of <see cref="LinksUpper"/> for these levels.</summary>
    public static long UpperLength(int[] levels, int m)
    {
        long total = 0;
        foreach (var level in levels)
        {
            total += (long)level * (m + 1);
        }

        return total;
    }

    public void SetEntry(int node, int level)
    {
        EntryPoint = node;
        MaxLevel = level;
    }

    public ReadOnlySpan<float> Row(int node) => Vectors.AsSpan(node * Stride, Stride);

    /// <summary>A node's list at one layer: the count, then room for every link.</summary>
    public Span<int> Block(int node, int level) => level == 0
        ? Links0.AsSpan(node * (M0 + 1), M0 + 1)
        : LinksUpper.AsSpan(UpperOffsetOf[node] + ((level - 1) * (M + 1)), M + 1);

    /// <summary>The lock of a node's lists during a multi-threaded build.</summary>
    public Lock StripeOf(int node) => _stripes![node & (StripeCount - 1)];

    /// <summary>The dot product of <paramref name="query"/> with the first query-length values of a node's row.</summary>
    public float Similarity(ReadOnlySpan<float> query, int node)
    {
        // The query is never longer than a row (a node's own row or a query without the extra coordinate).
        ref var row = ref MemoryMarshal.GetArrayDataReference(Vectors);
        return DotKernel.Dot(query, ref Unsafe.Add(ref row, (nint)node * Stride), query.Length);
    }

    /// <summary>A node's links at one layer; a copy in <paramref name="buffer"/> while a multi-threaded build runs.</summary>
    public ReadOnlySpan<int> Neighbours(int node, int level, int[] buffer)
    {
        if (_stripes is null)
        {
            var block = Block(node, level);
            return block.Slice(1, block[0]);
        }

        lock (StripeOf(node))
        {
            var block = Block(node, level);
            var count = block[0];
            block.Slice(1, count).CopyTo(buffer);
            return buffer.AsSpan(0, count);
        }
    }

    /// <summary>Greedy descent on one layer (the search with ef = 1): moves to a better neighbour until none is better.</summary>
    public int Greedy(ReadOnlySpan<float> query, int node, ref float similarity, int level, HnswScratch scratch)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var next in Neighbours(node, level, scratch.Links))
            {
                var s = Similarity(query, next);
                if (s > similarity)
                {
                    similarity = s;
                    node = next;
                    changed = true;
                }
            }
        }

        return node;
    }

    /// <summary>
    /// SEARCH-LAYER (algorithm 2): the best <paramref name="ef"/> nodes reachable from the entry on
    /// one layer, left in <c>scratch.Results</c>. Only nodes the filter allows enter the results, but
    /// every node can be walked through, as hnswlib's filtered search does; the walk stops when the
    /// best unexplored node is worse than the worst of a full result set.
    /// </summary>
    public void SearchLayer(ReadOnlySpan<float> query, int entry, float entrySimilarity, int ef, int level, RetrievalFilter filter, HnswScratch scratch)
    {
        var candidates = scratch.Candidates;
        var results = scratch.Results;
        candidates.Clear();
        results.Clear();
        scratch.ClearVisited();
        scratch.Visit(entry);
        candidates.Push(-entrySimilarity, entry);
        var filtered = !filter.IsEmpty;
        if (!filtered || filter.Allows(entry))
        {
            results.Push(entrySimilarity, entry);
        }

        while (candidates.Count > 0)
        {
            var best = -candidates.TopKey;
            if (results.Count == ef && best < results.TopKey)
            {
                break;
            }

            var node = candidates.Pop();
            foreach (var next in Neighbours(node, level, scratch.Links))
            {
                if (!scratch.Visit(next))
                {
                    continue;
                }

                var s = Similarity(query, next);
                if (results.Count < ef || s > results.TopKey)
                {
                    candidates.Push(-s, next);
                    if (!filtered || filter.Allows(next))
                    {
                        results.Push(s, next);
                        if (results.Count > ef)
                        {
                            results.Pop();
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// SELECT-NEIGHBORS-HEURISTIC (algorithm 4, without extending or keeping pruned candidates, as
    /// hnswlib's default): walks the candidates from the most similar to <c>base</c> down and keeps one
    /// unless it is more similar to a node already kept than to the base, so links spread in
    /// different directions. Fewer than <paramref name="m"/> candidates are all kept.
    /// </summary>
    /// <param name="nodes">Candidates, most similar to the base first.</param>
    /// <param name="keys">Their similarity to the base.</param>
    /// <param name="m">The most to keep.</param>
    /// <param name="chosen">Receives the kept nodes, most similar first.</param>
    public int SelectHeuristic(ReadOnlySpan<int> nodes, ReadOnlySpan<float> keys, int m, Span<int> chosen)
    {
        if (nodes.Length < m)
        {
            nodes.CopyTo(chosen);
            return nodes.Length;
        }

        var kept = 0;
        for (var i = 0; i < nodes.Length && kept < m; i++)
        {
            var row = Row(nodes[i]);
            var good = true;
            for (var j = 0; j < kept; j++)
            {
                if (Similarity(row, chosen[j]) > keys[i])
                {
                    good = false;
                    break;
                }
            }

            if (good)
            {
                chosen[kept++] = nodes[i];
            }
        }

        return kept;
    }

    private static int[] UpperOffsets(int[] levels, int m, out long upperLength)
    {
        var offsets = new int[levels.Length];
        long next = 0;
        for (var i = 0; i < levels.Length; i++)
        {
            offsets[i] = levels[i] > 0 ? checked((int)next) : -1;
            next += (long)levels[i] * (m + 1);
        }

        upperLength = next;
        return offsets;
    }
}
