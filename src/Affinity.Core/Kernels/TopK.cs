namespace Affinity.Core.Kernels;

/// <summary>
/// Selects the k best-scored items with a fixed-size min-heap into caller-provided spans, without
/// allocating. Ties go to the smaller item index, so results are deterministic. NaN scores and
/// items marked in <c>skip</c> are never selected.
/// </summary>
public static class TopK
{
    /// <summary>
    /// Writes up to <c>items.Length</c> best items, best first, and returns how many were written.
    /// </summary>
    /// <param name="scores">One score per item.</param>
    /// <param name="skip">When not empty, items whose flag is true are left out (same length as scores).</param>
    /// <param name="items">Receives the selected item indexes, best first.</param>
    /// <param name="itemScores">Receives their scores; same length as <paramref name="items"/>.</param>
    public static int Select(ReadOnlySpan<float> scores, ReadOnlySpan<bool> skip, Span<int> items, Span<float> itemScores)
    {
        if (itemScores.Length != items.Length)
        {
            throw new ArgumentException("The output spans must have the same length.", nameof(itemScores));
        }

        if (!skip.IsEmpty && skip.Length != scores.Length)
        {
            throw new ArgumentException("The skip flags must cover every item.", nameof(skip));
        }

        var k = items.Length;
        if (k == 0)
        {
            return 0;
        }

        var size = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var s = scores[i];
            if (float.IsNaN(s) || (!skip.IsEmpty && skip[i]))
            {
                continue;
            }

            if (size < k)
            {
                items[size] = i;
                itemScores[size] = s;
                SiftUp(items, itemScores, size++);
            }
            else if (Better(s, i, itemScores[0], items[0]))
            {
                items[0] = i;
                itemScores[0] = s;
                SiftDown(items[..size], itemScores[..size], 0);
            }
        }

        // Heap sort in place: repeatedly move the worst to the end, leaving best first.
        for (var end = size - 1; end > 0; end--)
        {
            Swap(items, itemScores, 0, end);
            SiftDown(items[..end], itemScores[..end], 0);
        }

        return size;
    }

    /// <summary>Whether (score a, item ia) ranks above (score b, item ib).</summary>
    private static bool Better(float a, int ia, float b, int ib) => a > b || (a == b && ia < ib);

    private static void SiftUp(Span<int> items, Span<float> scores, int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(scores[parent], items[parent], scores[i], items[i]))
            {
                break;
            }

            Swap(items, scores, i, parent);
            i = parent;
        }
    }

    private static void SiftDown(Span<int> items, Span<float> scores, int i)
    {
        var n = items.Length;
        while (true)
        {
            var worst = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < n && Better(scores[worst], items[worst], scores[left], items[left]))
            {
                worst = left;
            }

            if (right < n && Better(scores[worst], items[worst], scores[right], items[right]))
            {
                worst = right;
            }

            if (worst == i)
            {
                return;
            }

            Swap(items, scores, i, worst);
            i = worst;
        }
    }

    private static void Swap(Span<int> items, Span<float> scores, int a, int b)
    {
        (items[a], items[b]) = (items[b], items[a]);
        (scores[a], scores[b]) = (scores[b], scores[a]);
    }
}
