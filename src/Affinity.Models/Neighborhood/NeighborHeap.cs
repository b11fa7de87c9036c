namespace Affinity.Models.Neighborhood;

/// <summary>
/// Keeps the k best (neighbour, similarity) pairs offered to it in a fixed-size min-heap, ties going to
/// the smaller neighbour index, so the result does not depend on the order of the offers. One heap
/// per thread, reused row after row.
/// </summary>
internal sealed class NeighborHeap
{
    private readonly int[] _neighbors;
    private readonly float[] _similarities;

    public NeighborHeap(int capacity)
    {
        _neighbors = new int[capacity];
        _similarities = new float[capacity];
    }

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Offer(int neighbor, float similarity)
    {
        if (_neighbors.Length == 0)
        {
            return;
        }

        if (Count < _neighbors.Length)
        {
            _neighbors[Count] = neighbor;
            _similarities[Count] = similarity;
            SiftUp(Count++);
        }
        else if (Better(similarity, neighbor, _similarities[0], _neighbors[0]))
        {
            _neighbors[0] = neighbor;
            _similarities[0] = similarity;
            SiftDown(0, Count);
        }
    }

    /// <summary>Empties the heap into the spans, best first; returns how many were written.</summary>
    public int Drain(Span<int> neighbors, Span<float> similarities)
    {
        var count = Count;
        for (var end = count - 1; end > 0; end--)
        {
            Swap(0, end);
            SiftDown(0, end);
        }

        _neighbors.AsSpan(0, count).CopyTo(neighbors);
        _similarities.AsSpan(0, count).CopyTo(similarities);
        Count = 0;
        return count;
    }

    private static bool Better(float a, int ia, float b, int ib) => a > b || (a == b && ia < ib);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(_similarities[parent], _neighbors[parent], _similarities[i], _neighbors[i]))
            {
                break;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i, int size)
    {
        while (true)
        {
            var worst = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < size && Better(_similarities[worst], _neighbors[worst], _similarities[left], _neighbors[left]))
            {
                worst = left;
            }

            if (right < size && Better(_similarities[worst], _neighbors[worst], _similarities[right], _neighbors[right]))
            {
                worst = right;
            }

            if (worst == i)
            {
                return;
            }

            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_neighbors[a], _neighbors[b]) = (_neighbors[b], _neighbors[a]);
        (_similarities[a], _similarities[b]) = (_similarities[b], _similarities[a]);
    }
}
