namespace Affinity.Core.Retrieval;

/// <summary>
/// INSERT (Malkov and Yashunin, TPAMI 2018, algorithm 1) for every node, in id order on one
/// thread or in parallel. Levels are drawn before any insertion from one seeded generator, so
/// they do not depend on the thread count; on one thread the whole graph is a function of the
/// vectors and the options. In parallel, insertions interleave in whatever order the threads
/// run, so the graph (not its quality) varies between runs.
/// </summary>
internal sealed class HnswBuilder
{
    private readonly HnswGraph _graph;
    private readonly HnswOptions _options;

    private HnswBuilder(HnswGraph graph, HnswOptions options)
    {
        _graph = graph;
        _options = options;
    }

    public static HnswGraph Build(float[] vectors, int stride, HnswOptions options, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        var count = vectors.Length / stride;
        var levels = DrawLevels(count, options);
        var threads = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        var parallel = threads > 1 && count > 1;
        var graph = new HnswGraph(vectors, stride, options.M, levels, parallel);
        if (count == 0)
        {
            return graph;
        }

        var builder = new HnswBuilder(graph, options);
        graph.SetEntry(0, levels[0]);
        var pool = new ScratchPool<HnswScratch>(() => new HnswScratch(count, stride, graph.M0, options.EfConstruction));
        if (!parallel)
        {
            var scratch = pool.Rent();
            for (var node = 1; node < count; node++)
            {
                if ((node & 255) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                builder.Insert(node, scratch);
            }

            return graph;
        }

        var parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        Parallel.For(
            1,
            count,
            parallelOptions,
            pool.Rent,
            (node, _, scratch) =>
            {
                builder.Insert(node, scratch);
                return scratch;
            },
            pool.Return);

        // Built: drop the locks by copying into a graph that reads without them.
        return new HnswGraph(vectors, stride, options.M, levels, graph.Links0, graph.LinksUpper, graph.EntryPoint, graph.MaxLevel);
    }

    /// <summary>floor(−ln(U) · m_L) with m_L = 1 / ln M, as in the paper (section 4.1).</summary>
    private static int[] DrawLevels(int count, HnswOptions options)
    {
        var random = new Random(options.Seed);
        var scale = 1.0 / Math.Log(options.M);
        var levels = new int[count];
        for (var i = 0; i < levels.Length; i++)
        {
            var u = 1.0 - random.NextDouble();
            levels[i] = (int)Math.Min(-Math.Log(u) * scale, 30);
        }

        return levels;
    }

    private void Insert(int node, HnswScratch scratch)
    {
        var graph = _graph;
        var level = graph.Levels[node];
        int entry, top;
        if (graph.Concurrent)
        {
            lock (graph.EntryLock)
            {
                (entry, top) = (graph.EntryPoint, graph.MaxLevel);
            }
        }
        else
        {
            (entry, top) = (graph.EntryPoint, graph.MaxLevel);
        }

        var query = graph.Row(node);
        var similarity = graph.Similarity(query, entry);
        for (var layer = top; layer > level; layer--)
        {
            entry = graph.Greedy(query, entry, ref similarity, layer, scratch);
        }

        for (var layer = Math.Min(top, level); layer >= 0; layer--)
        {
            graph.SearchLayer(query, entry, similarity, _options.EfConstruction, layer, default, scratch);
            var found = Drain(node, scratch);
            if (found == 0)
            {
                continue;
            }

            entry = scratch.SelectNodes[0];
            similarity = scratch.SelectKeys[0];
            var kept = graph.SelectHeuristic(scratch.SelectNodes.AsSpan(0, found), scratch.SelectKeys.AsSpan(0, found), graph.M, scratch.Chosen);
            SetLinks(node, layer, scratch.Chosen.AsSpan(0, kept));
            for (var i = 0; i < kept; i++)
            {
                Connect(scratch.Chosen[i], node, layer, scratch);
            }
        }

        if (level > top)
        {
            if (graph.Concurrent)
            {
                lock (graph.EntryLock)
                {
                    if (level > graph.MaxLevel)
                    {
                        graph.SetEntry(node, level);
                    }
                }
            }
            else
            {
                graph.SetEntry(node, level);
            }
        }
    }

    /// <summary>Empties the result heap into the selection buffers, most similar first, leaving out the node itself.</summary>
    private static int Drain(int self, HnswScratch scratch)
    {
        var results = scratch.Results;
        scratch.EnsureSelect(results.Count);
        var nodes = scratch.SelectNodes;
        var keys = scratch.SelectKeys;
        var end = results.Count;
        var start = end;
        while (results.Count > 0)
        {
            var key = results.TopKey;
            var node = results.Pop();
            if (node != self)
            {
                start--;
                nodes[start] = node;
                keys[start] = key;
            }
        }

        var found = end - start;
        if (start > 0)
        {
            Array.Copy(nodes, start, nodes, 0, found);
            Array.Copy(keys, start, keys, 0, found);
        }

        return found;
    }

    private void SetLinks(int node, int layer, ReadOnlySpan<int> links)
    {
        if (!_graph.Concurrent)
        {
            Write(_graph.Block(node, layer), links);
            return;
        }

        lock (_graph.StripeOf(node))
        {
            Write(_graph.Block(node, layer), links);
        }
    }

    /// <summary>Adds the back link neighbour → node, pruning the neighbour's list with the heuristic when full.</summary>
    private void Connect(int neighbour, int node, int layer, HnswScratch scratch)
    {
        if (!_graph.Concurrent)
        {
            AddLink(neighbour, node, layer, scratch);
            return;
        }

        lock (_graph.StripeOf(neighbour))
        {
            AddLink(neighbour, node, layer, scratch);
        }
    }

    private void AddLink(int neighbour, int node, int layer, HnswScratch scratch)
    {
        var graph = _graph;
        var block = graph.Block(neighbour, layer);
        var count = block[0];
        var links = block.Slice(1, count);
        if (links.Contains(node))
        {
            return;
        }

        var max = block.Length - 1;
        if (count < max)
        {
            block[1 + count] = node;
            block[0] = count + 1;
            return;
        }

        // Full: rank the old links and the new one by similarity to the neighbour and keep a spread-out M_max.
        var row = graph.Row(neighbour);
        var nodes = scratch.SelectNodes.AsSpan(0, count + 1);
        var keys = scratch.SelectKeys.AsSpan(0, count + 1);
        links.CopyTo(nodes);
        nodes[count] = node;
        for (var i = 0; i < nodes.Length; i++)
        {
            keys[i] = graph.Similarity(row, nodes[i]);
        }

        SortDescending(nodes, keys);
        var kept = graph.SelectHeuristic(nodes, keys, max, scratch.Links);
        Write(block, scratch.Links.AsSpan(0, kept));
    }

    private static void Write(Span<int> block, ReadOnlySpan<int> links)
    {
        links.CopyTo(block[1..]);
        block[0] = links.Length;
    }

    /// <summary>Insertion sort, most similar first, ties to the smaller node: lists are short (2 M + 1 at most).</summary>
    private static void SortDescending(Span<int> nodes, Span<float> keys)
    {
        for (var i = 1; i < nodes.Length; i++)
        {
            var node = nodes[i];
            var key = keys[i];
            var j = i - 1;
            while (j >= 0 && (keys[j] < key || (keys[j] == key && nodes[j] > node)))
            {
                nodes[j + 1] = nodes[j];
                keys[j + 1] = keys[j];
                j--;
            }

            nodes[j + 1] = node;
            keys[j + 1] = key;
        }
    }
}
