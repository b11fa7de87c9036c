using System.Numerics;

namespace Affinity.Models.Factorization;

/// <summary>
/// One LearnBPR update (Rendle et al. 2009, figure 4; Cornac's <c>_fit_sgd</c>) fused into two
/// passes over the factors, one for the score and one for the updates, where a call per vector
/// operation would pass over them about ten times.
/// </summary>
internal static class BprStep
{
    /// <summary>
    /// With z = 1 / (1 + e^(x · (y_i − y_j) + biasDifference)) and s = rate · z, sets
    /// x = decay x + s (y_i − y_j), y_i = decay y_i + s x, y_j = decay y_j − s x, every right-hand
    /// side reading the values from before the call; returns z.
    /// </summary>
    public static float Update(Span<float> x, Span<float> yi, Span<float> yj, float biasDifference, float rate, float decay)
    {
        var z = Sigmoid(x, yi, yj, biasDifference);
        var s = rate * z;
        var width = Vector<float>.Count;
        var f = 0;
        for (; f <= x.Length - width; f += width)
        {
            var xv = new Vector<float>(x[f..]);
            var iv = new Vector<float>(yi[f..]);
            var jv = new Vector<float>(yj[f..]);
            ((xv * decay) + ((iv - jv) * s)).CopyTo(x[f..]);
            ((iv * decay) + (xv * s)).CopyTo(yi[f..]);
            ((jv * decay) - (xv * s)).CopyTo(yj[f..]);
        }

        for (; f < x.Length; f++)
        {
            var (xf, i, j) = (x[f], yi[f], yj[f]);
            x[f] = (xf * decay) + ((i - j) * s);
            yi[f] = (i * decay) + (xf * s);
            yj[f] = (j * decay) - (xf * s);
        }

        return z;
    }

    /// <summary>The same update of x alone, the items held fixed (fold-in); returns z.</summary>
    public static float UpdateUser(Span<float> x, ReadOnlySpan<float> yi, ReadOnlySpan<float> yj, float biasDifference, float rate, float decay)
    {
        var z = Sigmoid(x, yi, yj, biasDifference);
        var s = rate * z;
        var width = Vector<float>.Count;
        var f = 0;
        for (; f <= x.Length - width; f += width)
        {
            var xv = new Vector<float>(x[f..]);
            ((xv * decay) + ((new Vector<float>(yi[f..]) - new Vector<float>(yj[f..])) * s)).CopyTo(x[f..]);
        }

        for (; f < x.Length; f++)
        {
            x[f] = (x[f] * decay) + ((yi[f] - yj[f]) * s);
        }

        return z;
    }

    /// <summary>z = σ(−x̂_uij), the weight of the step.</summary>
    private static float Sigmoid(ReadOnlySpan<float> x, ReadOnlySpan<float> yi, ReadOnlySpan<float> yj, float biasDifference)
    {
        var width = Vector<float>.Count;
        var sum = Vector<float>.Zero;
        var f = 0;
        for (; f <= x.Length - width; f += width)
        {
            sum += new Vector<float>(x[f..]) * (new Vector<float>(yi[f..]) - new Vector<float>(yj[f..]));
        }

        var score = biasDifference + Vector.Sum(sum);
        for (; f < x.Length; f++)
        {
            score += x[f] * (yi[f] - yj[f]);
        }

        return 1 / (1 + MathF.Exp(score));
    }
}
