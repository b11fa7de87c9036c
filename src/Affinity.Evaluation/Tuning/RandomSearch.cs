namespace Affinity.Evaluation.Tuning;

/// <summary>
/// Random search (Bergstra and Bengio, "Random Search for Hyper-Parameter Optimization", JMLR 2012):
/// every parameter drawn independently of the others and of the history, uniformly on its internal
/// coordinate (see <see cref="NumericParameter"/>), or uniformly among a choice's values.
/// </summary>
public sealed class RandomSearch : ISearchStrategy
{
    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public IReadOnlyList<double> Propose(SearchSpace space, IReadOnlyList<TrialPoint> history, Random random)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(random);
        return Sample(space, random);
    }

    /// <summary>One point drawn from the space's prior.</summary>
    internal static double[] Sample(SearchSpace space, Random random)
    {
        var point = new double[space.Parameters.Count];
        for (var p = 0; p < point.Length; p++)
        {
            point[p] = space.Parameters[p] switch
            {
                NumericParameter n => n.FromInternal(n.Low + ((n.High - n.Low) * random.NextDouble())),
                ChoiceParameter c => random.Next(c.Count),
                _ => throw new InvalidOperationException($"Unknown kind of parameter '{space.Parameters[p].Name}'."),
            };
        }

        return point;
    }
}
