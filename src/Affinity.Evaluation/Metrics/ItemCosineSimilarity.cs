using Affinity.Core.Data;

namespace Affinity.Evaluation.Metrics;

/// <summary>
/// Cosine similarity between items, each item a vector over the users of a training item-by-user
/// matrix (<see cref="Dataset.ByItem"/>), for <see cref="DiversityMetrics.IntraListDiversity"/>.
/// Immutable once built; <see cref="Similarity"/> is safe to call from many threads.
/// </summary>
/// <remarks>
/// With binary values (the default) the similarity is co-occurrence / sqrt(|U_a| |U_b|), where U_i is
/// the set of users who interacted with item i: the co-occurrence cosine of Zhang et al., "Auralist"
/// (WSDM 2012), which Microsoft Recommenders' diversity metrics use by default. With values, it is the
/// cosine of the value vectors. Repeated (user, item) entries count once in the binary form and are
/// summed in the valued form. An item nobody touched has similarity 0 with every item, itself included.
/// Each call intersects two sorted rows: a linear merge when they are of similar length, a binary search
/// of the shorter row's users in the longer row when one is far longer (a niche item against a
/// blockbuster), so a call costs O(min(a, b) · log(max(a, b))) at worst.
/// </remarks>
public sealed class ItemCosineSimilarity
{
    // When the longer row is this many times the shorter, binary searches beat the merge.
    private const int SearchRatio = 16;

    private readonly CsrMatrix _itemsByUsers;
    private readonly double[] _norms;
    private readonly bool _useValues;

    /// <summary>Precomputes every item's norm.</summary>
    /// <param name="itemsByUsers">Items × users; rows sorted by user, as <see cref="CsrMatrix"/> keeps them.</param>
    /// <param name="useValues">Use the stored values instead of 1 for every interaction.</param>
    public ItemCosineSimilarity(CsrMatrix itemsByUsers, bool useValues = false)
    {
        ArgumentNullException.ThrowIfNull(itemsByUsers);
        _itemsByUsers = itemsByUsers;
        _useValues = useValues;
        _norms = new double[itemsByUsers.RowCount];
        for (var item = 0; item < _norms.Length; item++)
        {
            var users = itemsByUsers.RowColumns(item);
            var values = itemsByUsers.RowValues(item);
            var squares = 0.0;
            var i = 0;
            while (i < users.Length)
            {
                var value = RunValue(users, values, ref i);
                squares += value * value;
            }

            _norms[item] = Math.Sqrt(squares);
        }
    }

    /// <summary>The number of items.</summary>
    public int ItemCount => _norms.Length;

    /// <summary>The cosine similarity of two items, in [-1, 1] ([0, 1] for binary or non-negative values).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An item is outside the matrix.</exception>
    public double Similarity(int a, int b)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(a);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(a, ItemCount);
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(b, ItemCount);
        var norms = _norms[a] * _norms[b];
        if (norms == 0)
        {
            return 0;
        }

        if (a == b)
        {
            return 1;
        }

        var (shortRow, longRow) = _itemsByUsers.RowLength(a) <= _itemsByUsers.RowLength(b) ? (a, b) : (b, a);
        var dot = _itemsByUsers.RowLength(longRow) > SearchRatio * _itemsByUsers.RowLength(shortRow)
            ? DotBySearch(shortRow, longRow)
            : DotByMerge(shortRow, longRow);
        return Math.Clamp(dot / norms, -1.0, 1.0);
    }

    private double DotByMerge(int a, int b)
    {
        var usersA = _itemsByUsers.RowColumns(a);
        var valuesA = _itemsByUsers.RowValues(a);
        var usersB = _itemsByUsers.RowColumns(b);
        var valuesB = _itemsByUsers.RowValues(b);
        var dot = 0.0;
        var i = 0;
        var j = 0;
        while (i < usersA.Length && j < usersB.Length)
        {
            if (usersA[i] < usersB[j])
            {
                i++;
            }
            else if (usersA[i] > usersB[j])
            {
                j++;
            }
            else
            {
                dot += RunValue(usersA, valuesA, ref i) * RunValue(usersB, valuesB, ref j);
            }
        }

        return dot;
    }

    private double DotBySearch(int shortRow, int longRow)
    {
        var usersS = _itemsByUsers.RowColumns(shortRow);
        var valuesS = _itemsByUsers.RowValues(shortRow);
        var usersL = _itemsByUsers.RowColumns(longRow);
        var valuesL = _itemsByUsers.RowValues(longRow);
        var dot = 0.0;
        var i = 0;
        var from = 0;
        while (i < usersS.Length && from < usersL.Length)
        {
            var user = usersS[i];
            var valueS = RunValue(usersS, valuesS, ref i);

            // Both rows ascend, so the search for the next user starts where this one ended.
            from += LowerBound(usersL[from..], user);
            if (from < usersL.Length && usersL[from] == user)
            {
                dot += valueS * RunValue(usersL, valuesL, ref from);
            }
        }

        return dot;
    }

    /// <summary>The value of the run of equal users starting at <paramref name="i"/>, which moves past the run.</summary>
    private double RunValue(ReadOnlySpan<int> users, ReadOnlySpan<float> values, ref int i)
    {
        var user = users[i];
        var sum = 0.0;
        do
        {
            sum += values[i];
            i++;
        }
        while (i < users.Length && users[i] == user);
        return _useValues ? sum : 1.0;
    }

    /// <summary>The index of the first value not below <paramref name="value"/> in a sorted span.</summary>
    private static int LowerBound(ReadOnlySpan<int> sorted, int value)
    {
        var low = 0;
        var high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] < value)
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
