using System.Globalization;

namespace Affinity.Evaluation.Tuning;

/// <summary>
/// The Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio and Kégl, "Algorithms for
/// Hyper-Parameter Optimization", NeurIPS 2011), one parameter at a time as hyperopt's <c>tpe.suggest</c>
/// does it: the first <see cref="StartupTrials"/> points are random; after that the trials are split
/// into the best <c>min(⌈γ √n⌉, 25)</c> by loss ("below") and the rest ("above"), and for each
/// parameter a density <c>l</c> is fitted to the below values and <c>g</c> to the above ones; of
/// <see cref="Candidates"/> draws from <c>l</c> the one with the largest <c>l(x) / g(x)</c> is
/// proposed, which maximises expected improvement under the TPE model (eq. 2-3 of the paper).
/// </summary>
/// <remarks>
/// <para>Numeric parameters use the adaptive Parzen estimator on their internal coordinate (the log
/// for log scales), truncated to the range and normalised over it (see <c>ParzenEstimator</c>);
/// whole numbers are treated as reals on <c>[min − 0.5, max + 0.5]</c> and rounded, as Optuna does,
/// instead of hyperopt's quantised densities. A choice uses the weighted counts of each value plus
/// <see cref="PriorWeight"/>, normalised (hyperopt's <c>ap_categorical_sampler</c>).</para>
/// <para>Defaults are hyperopt's (γ = 0.25, 24 candidates, prior weight 1, linear forgetting after
/// 25 observations) except the 10 startup trials, Optuna's <c>n_startup_trials</c>: hyperopt's 20
/// would leave the model idle through most short runs. Parameters are modelled independently, so
/// interactions between them are found only through the split of the trials.</para>
/// </remarks>
public sealed class TreeParzenSearch : ISearchStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="startupTrials">Random points before the model is used; at least 0.</param>
    /// <param name="candidates">Draws from <c>l</c> scored per parameter; at least 1.</param>
    /// <param name="gamma">γ of the split of the trials; greater than 0.</param>
    /// <param name="priorWeight">The weight of the prior component and pseudo-count of each choice; greater than 0.</param>
    /// <param name="forgetting">Observations before older ones weigh less; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of its range.</exception>
    public TreeParzenSearch(int startupTrials = 10, int candidates = 24, double gamma = 0.25, double priorWeight = 1.0, int forgetting = 25)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startupTrials);
        ArgumentOutOfRangeException.ThrowIfLessThan(candidates, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(forgetting, 1);
        if (!(gamma > 0) || !double.IsFinite(gamma))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be a finite number greater than zero.");
        }

        if (!(priorWeight > 0) || !double.IsFinite(priorWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(priorWeight), priorWeight, "The prior weight must be a finite number greater than zero.");
        }

        (StartupTrials, Candidates, Gamma, PriorWeight, Forgetting) = (startupTrials, candidates, gamma, priorWeight, forgetting);
    }

    /// <summary>Random points before the model is used.</summary>
    public int StartupTrials { get; }

    /// <summary>Draws from <c>l</c> scored per parameter.</summary>
    public int Candidates { get; }

    /// <summary>γ: the below group holds <c>⌈γ √n⌉</c> of <c>n</c> trials (at most <see cref="Forgetting"/>).</summary>
    public double Gamma { get; }

    /// <summary>The prior's weight.</summary>
    public double PriorWeight { get; }

    /// <summary>hyperopt's linear-forgetting horizon.</summary>
    public int Forgetting { get; }

    /// <inheritdoc />
    public string Name => "tpe";

    /// <inheritdoc />
    public IReadOnlyList<double> Propose(SearchSpace space, IReadOnlyList<TrialPoint> history, Random random)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(random);
        if (history.Count < StartupTrials)
        {
            return RandomSearch.Sample(space, random);
        }

        var (below, above) = Split(history);
        var point = new double[space.Parameters.Count];
        for (var p = 0; p < point.Length; p++)
        {
            var parameter = space.Parameters[p];
            point[p] = parameter switch
            {
                NumericParameter n => ProposeNumeric(n, Coordinates(below, p, n), Coordinates(above, p, n), random),
                ChoiceParameter c => ProposeChoice(c, Coordinates(below, p, null), Coordinates(above, p, null), random),
                _ => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Unknown kind of parameter '{parameter.Name}'.")),
            };
        }

        return point;
    }

    /// <summary>The trials in the below and above groups, each in trial order; ties in loss go to the earlier trial.</summary>
    private (TrialPoint[] Below, TrialPoint[] Above) Split(IReadOnlyList<TrialPoint> history)
    {
        var n = history.Count;
        var belowCount = Math.Min((int)Math.Ceiling(Gamma * Math.Sqrt(n)), Forgetting);
        var byLoss = Enumerable.Range(0, n).OrderBy(i => Loss(history[i])).ThenBy(i => i).ToArray();
        var isBelow = new bool[n];
        for (var r = 0; r < Math.Min(belowCount, n); r++)
        {
            isBelow[byLoss[r]] = true;
        }

        return ([.. history.Where((_, i) => isBelow[i])], [.. history.Where((_, i) => !isBelow[i])]);
    }

    private static double Loss(TrialPoint trial) => double.IsNaN(trial.Loss) ? double.PositiveInfinity : trial.Loss;

    private static double[] Coordinates(TrialPoint[] trials, int p, NumericParameter? numeric)
        => [.. trials.Select(t => numeric is null ? t.Point[p] : numeric.ToInternal(t.Point[p]))];

    private double ProposeNumeric(NumericParameter parameter, double[] below, double[] above, Random random)
    {
        var l = ParzenEstimator.Fit(below, parameter.Low, parameter.High, PriorWeight, Forgetting);
        var g = ParzenEstimator.Fit(above, parameter.Low, parameter.High, PriorWeight, Forgetting);
        var best = double.NaN;
        var bestScore = double.NegativeInfinity;
        for (var c = 0; c < Candidates; c++)
        {
            var z = l.Sample(random);
            var score = l.LogDensity(z) - g.LogDensity(z);
            if (double.IsNaN(best) || score > bestScore)
            {
                (best, bestScore) = (z, score);
            }
        }

        return parameter.FromInternal(best);
    }

    private double ProposeChoice(ChoiceParameter parameter, double[] below, double[] above, Random random)
    {
        var l = ChoiceProbabilities(parameter.Count, below);
        var g = ChoiceProbabilities(parameter.Count, above);
        var best = -1;
        var bestScore = double.NegativeInfinity;
        for (var c = 0; c < Candidates; c++)
        {
            var index = Draw(l, random);
            var score = Math.Log(l[index]) - Math.Log(g[index]);
            if (best < 0 || score > bestScore)
            {
                (best, bestScore) = (index, score);
            }
        }

        return best;
    }

    private double[] ChoiceProbabilities(int count, double[] observed)
    {
        var weights = ParzenEstimator.LinearForgetting(observed.Length, Forgetting);
        var probabilities = new double[count];
        Array.Fill(probabilities, PriorWeight);
        for (var i = 0; i < observed.Length; i++)
        {
            probabilities[(int)observed[i]] += weights[i];
        }

        var total = probabilities.Sum();
        for (var k = 0; k < count; k++)
        {
            probabilities[k] /= total;
        }

        return probabilities;
    }

    private static int Draw(double[] probabilities, Random random)
    {
        var u = random.NextDouble();
        var k = 0;
        while (k < probabilities.Length - 1 && u >= probabilities[k])
        {
            u -= probabilities[k];
            k++;
        }

        return k;
    }
}
