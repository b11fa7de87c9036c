using Affinity.Evaluation.Statistics;

namespace Affinity.Evaluation.Tuning;

/// <summary>
/// The adaptive Parzen estimator of TPE for one numeric parameter: a mixture of Gaussians, one at each
/// observation plus a prior one, truncated to <c>[low, high)</c>, as hyperopt's
/// <c>adaptive_parzen_normal</c> and <c>GMM1</c> (hyperopt/tpe.py) build it.
/// </summary>
/// <remarks>
/// The prior component sits at the middle of the range with the range as its width and weight
/// <c>priorWeight</c>. Each observation's width is the larger gap to its neighbours in sorted order
/// (the prior included; the outermost use their one gap), clipped to
/// <c>[range / min(100, 1 + components), range]</c>. Observations weigh 1, except that with more than
/// <c>forgetting</c> of them the oldest weigh less, on hyperopt's linear ramp from 1/n up to 1.
/// </remarks>
public sealed class ParzenEstimator
{
    private static readonly double LogSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);
    private readonly double[] _weights;
    private readonly double[] _means;
    private readonly double[] _widths;
    private readonly double _low;
    private readonly double _high;
    private readonly double _logAccepted;

    private ParzenEstimator(double[] weights, double[] means, double[] widths, double low, double high)
    {
        _weights = weights;
        _means = means;
        _widths = widths;
        _low = low;
        _high = high;
        var accepted = 0.0;
        for (var k = 0; k < weights.Length; k++)
        {
            accepted += weights[k] * (Distributions.NormalCdf((high - means[k]) / widths[k]) - Distributions.NormalCdf((low - means[k]) / widths[k]));
        }

        _logAccepted = Math.Log(accepted);
    }

    /// <summary>The components' weights, summing to 1, in the order of their means.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>The components' means in ascending order (the prior's among them).</summary>
    public IReadOnlyList<double> Means => _means;

    /// <summary>The components' standard deviations, in the order of their means.</summary>
    public IReadOnlyList<double> Widths => _widths;

    /// <summary>Fits the estimator to observations given in trial order (the order linear forgetting reads).</summary>
    /// <param name="observations">Observed coordinates, each in [low, high].</param>
    /// <param name="low">The lower end of the range.</param>
    /// <param name="high">The upper end of the range, above <paramref name="low"/>.</param>
    /// <param name="priorWeight">The prior component's weight before normalisation, greater than 0.</param>
    /// <param name="forgetting">hyperopt's linear-forgetting horizon, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or a setting is out of range.</exception>
    public static ParzenEstimator Fit(IReadOnlyList<double> observations, double low, double high, double priorWeight, int forgetting)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (!(low < high) || !double.IsFinite(low) || !double.IsFinite(high))
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, "The range must be finite and not empty.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(priorWeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(forgetting, 1);
        var priorMean = 0.5 * (low + high);
        var priorWidth = high - low;
        var n = observations.Count;
        var observationWeights = LinearForgetting(n, forgetting);
        var order = Enumerable.Range(0, n).OrderBy(i => observations[i]).ThenBy(i => i).ToArray();
        var priorAt = 0;
        while (priorAt < n && observations[order[priorAt]] < priorMean)
        {
            priorAt++;
        }

        var means = new double[n + 1];
        var weights = new double[n + 1];
        for (int k = 0, o = 0; k <= n; k++)
        {
            if (k == priorAt)
            {
                (means[k], weights[k]) = (priorMean, priorWeight);
                continue;
            }

            (means[k], weights[k]) = (observations[order[o]], observationWeights[order[o]]);
            o++;
        }

        var widths = ComputeWidths(means, priorAt, priorWidth);
        var total = weights.Sum();
        for (var k = 0; k < weights.Length; k++)
        {
            weights[k] /= total;
        }

        return new ParzenEstimator(weights, means, widths, low, high);
    }

    /// <summary>Draws from the truncated mixture: a component by weight, then a Gaussian draw, again until it lands in [low, high).</summary>
    public double Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        while (true)
        {
            var u = random.NextDouble();
            var k = 0;
            while (k < _weights.Length - 1 && u >= _weights[k])
            {
                u -= _weights[k];
                k++;
            }

            var draw = _means[k] + (_widths[k] * StandardNormal(random));
            if (draw >= _low && draw < _high)
            {
                return draw;
            }
        }
    }

    /// <summary>The log density of the truncated mixture at <paramref name="z"/>.</summary>
    public double LogDensity(double z)
    {
        var max = double.NegativeInfinity;
        Span<double> terms = _weights.Length <= 128 ? stackalloc double[_weights.Length] : new double[_weights.Length];
        for (var k = 0; k < terms.Length; k++)
        {
            var d = (z - _means[k]) / _widths[k];
            terms[k] = Math.Log(_weights[k]) - Math.Log(_widths[k]) - LogSqrtTwoPi - (0.5 * d * d);
            max = Math.Max(max, terms[k]);
        }

        var sum = 0.0;
        foreach (var term in terms)
        {
            sum += Math.Exp(term - max);
        }

        return max + Math.Log(sum) - _logAccepted;
    }

    /// <summary>hyperopt's <c>linear_forgetting_weights</c>: all 1 up to <paramref name="forgetting"/> observations, else a ramp from 1/n for the oldest.</summary>
    internal static double[] LinearForgetting(int n, int forgetting)
    {
        var weights = new double[n];
        Array.Fill(weights, 1.0);
        var ramp = n - forgetting;
        for (var i = 0; i < ramp; i++)
        {
            weights[i] = ramp == 1 ? 1.0 / n : (1.0 / n) + (i * (1 - (1.0 / n)) / (ramp - 1));
        }

        return weights;
    }

    /// <summary>The standard normal by Box–Muller.</summary>
    internal static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static double[] ComputeWidths(double[] means, int priorAt, double priorWidth)
    {
        var count = means.Length;
        var widths = new double[count];
        if (count == 2)
        {
            widths[priorAt] = priorWidth;
            widths[1 - priorAt] = 0.5 * priorWidth;
        }
        else if (count > 2)
        {
            widths[0] = means[1] - means[0];
            widths[count - 1] = means[count - 1] - means[count - 2];
            for (var k = 1; k < count - 1; k++)
            {
                widths[k] = Math.Max(means[k] - means[k - 1], means[k + 1] - means[k]);
            }
        }

        var smallest = priorWidth / Math.Min(100.0, 1.0 + count);
        for (var k = 0; k < count; k++)
        {
            widths[k] = Math.Clamp(widths[k], smallest, priorWidth);
        }

        widths[priorAt] = priorWidth;
        return widths;
    }
}
