namespace Affinity.Core.Demo;

/// <summary>
/// Draws an index with probability proportional to its weight in O(1) per draw: Vose's alias
/// method (M. D. Vose, "A linear algorithm for generating random numbers with a given
/// distribution", IEEE TSE 17(9), 1991). Built in O(n); immutable after construction.
/// </summary>
internal sealed class AliasTable
{
    private readonly double[] _keep;
    private readonly int[] _alias;

    /// <summary>Builds the table from positive, finite weights.</summary>
    public AliasTable(ReadOnlySpan<double> weights)
    {
        var n = weights.Length;
        ArgumentOutOfRangeException.ThrowIfZero(n, nameof(weights));
        var total = 0.0;
        foreach (var w in weights)
        {
            if (!(w > 0) || !double.IsFinite(w))
            {
                throw new ArgumentException($"Weights must be positive and finite; found {w}.", nameof(weights));
            }

            total += w;
        }

        _keep = new double[n];
        _alias = new int[n];
        var scaled = new double[n];
        var small = new int[n];
        var large = new int[n];
        int smallCount = 0, largeCount = 0;
        for (var i = 0; i < n; i++)
        {
            scaled[i] = weights[i] * n / total;
            if (scaled[i] < 1)
            {
                small[smallCount++] = i;
            }
            else
            {
                large[largeCount++] = i;
            }
        }

        while (smallCount > 0 && largeCount > 0)
        {
            var s = small[--smallCount];
            var l = large[--largeCount];
            _keep[s] = scaled[s];
            _alias[s] = l;
            scaled[l] += scaled[s] - 1;
            if (scaled[l] < 1)
            {
                small[smallCount++] = l;
            }
            else
            {
                large[largeCount++] = l;
            }
        }

        // What is left holds probability 1 up to rounding error.
        while (largeCount > 0)
        {
            var l = large[--largeCount];
            _keep[l] = 1;
            _alias[l] = l;
        }

        while (smallCount > 0)
        {
            var s = small[--smallCount];
            _keep[s] = 1;
            _alias[s] = s;
        }
    }

    /// <summary>The number of indexes.</summary>
    public int Count => _keep.Length;

    /// <summary>Draws one index; one uniform number picks both the column and the coin.</summary>
    public int Sample(Random random)
    {
        var x = random.NextDouble() * _keep.Length;
        var column = Math.Min((int)x, _keep.Length - 1);
        return x - column < _keep[column] ? column : _alias[column];
    }
}
