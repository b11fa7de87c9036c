namespace Affinity.Evaluation.Metrics;

/// <summary>
/// Ranks a user's relevant items among all candidate items (full ranking, as RecBole's "full"
/// evaluation and Microsoft Recommenders' top-k over all unseen items).
/// </summary>
public static class FullRanking
{
    private const int StackLimit = 64;

    /// <summary>
    /// The 0-based rank of every relevant item among the candidates: the number of candidates ordered
    /// before it, where a higher score goes first and equal scores go to the smaller item index, the
    /// order of <see cref="Core.Kernels.TopK.Select"/>. So a relevant item's rank is exactly its
    /// position in the list <c>TopK.Select</c> returns over the same candidates. NaN scores go after
    /// every real score (TopK never selects them), among themselves by item index.
    /// </summary>
    /// <param name="scores">The model's score for every item.</param>
    /// <param name="isCandidate">Which items compete (typically those the user has not seen in training); empty means all items.</param>
    /// <param name="relevantItems">The user's held-out items, distinct, each a candidate, in any order.</param>
    /// <returns>The relevant items' ranks, ascending, and the number of candidates.</returns>
    /// <exception cref="ArgumentException">The flags do not cover every item, or a relevant item is repeated or not a candidate.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A relevant item is outside <paramref name="scores"/>.</exception>
    /// <remarks>
    /// One pass over the candidates: the relevant items are sorted once by (score, index), and each
    /// candidate finds by binary search how many of them it beats, so the cost is
    /// O(n log m + m log m) for n items and m relevant items, without allocating beyond the result
    /// when m is small.
    /// </remarks>
    public static UserRanking Rank(ReadOnlySpan<float> scores, ReadOnlySpan<bool> isCandidate, ReadOnlySpan<int> relevantItems)
    {
        if (!isCandidate.IsEmpty && isCandidate.Length != scores.Length)
        {
            throw new ArgumentException("The candidate flags must cover every item.", nameof(isCandidate));
        }

        var m = relevantItems.Length;
        var keys = m <= StackLimit ? stackalloc long[StackLimit] : new long[m];
        keys = keys[..m];
        for (var j = 0; j < m; j++)
        {
            var item = relevantItems[j];
            if ((uint)item >= (uint)scores.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(relevantItems), item, $"Relevant item {item} is outside the {scores.Length} scored items.");
            }

            if (!isCandidate.IsEmpty && !isCandidate[item])
            {
                throw new ArgumentException($"Relevant item {item} is not a candidate.", nameof(relevantItems));
            }

            keys[j] = OrderKey(scores[item], item);
        }

        keys.Sort();
        for (var j = 1; j < m; j++)
        {
            if (keys[j] == keys[j - 1])
            {
                throw new ArgumentException($"Relevant item {(int)(keys[j] & uint.MaxValue)} is listed twice.", nameof(relevantItems));
            }
        }

        // before[p] counts candidates that precede exactly the relevant items p..m-1 (sorted order).
        var before = m <= StackLimit ? stackalloc int[StackLimit + 1] : new int[m + 1];
        before = before[..(m + 1)];
        before.Clear();
        var candidates = 0;
        var worst = m == 0 ? long.MinValue : keys[m - 1];
        for (var i = 0; i < scores.Length; i++)
        {
            if (!isCandidate.IsEmpty && !isCandidate[i])
            {
                continue;
            }

            candidates++;
            if (m == 0)
            {
                continue;
            }

            var key = OrderKey(scores[i], i);
            if (key >= worst)
            {
                continue;
            }

            before[CountAtMost(keys, key)]++;
        }

        var ranks = new int[m];
        var running = 0;
        for (var j = 0; j < m; j++)
        {
            running += before[j];
            ranks[j] = running;
        }

        return new UserRanking(ranks, candidates);
    }

    /// <summary>
    /// A key whose ascending order is the ranking order: score descending (NaN last, -0 equal to +0),
    /// then item index ascending. The high 32 bits hold the score flipped so that larger scores give
    /// smaller keys; the low 32 bits hold the index.
    /// </summary>
    private static long OrderKey(float score, int item)
    {
        int descending;
        if (float.IsNaN(score))
        {
            descending = int.MaxValue;
        }
        else
        {
            // IEEE bits made monotonic in the float's value, then negated so larger scores sort first.
            var bits = BitConverter.SingleToInt32Bits(score == 0f ? 0f : score);
            var ascending = bits >= 0 ? bits : bits ^ int.MaxValue;
            descending = -ascending - 1;
        }

        return ((long)descending << 32) | (uint)item;
    }

    /// <summary>The number of sorted keys not above <paramref name="key"/>.</summary>
    private static int CountAtMost(ReadOnlySpan<long> sorted, long key)
    {
        var low = 0;
        var high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] <= key)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
