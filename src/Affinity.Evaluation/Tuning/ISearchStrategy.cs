namespace Affinity.Evaluation.Tuning;

/// <summary>A point of a search space that has been tried, and its loss (lower is better; a failed or NaN trial has +∞).</summary>
/// <param name="Point">One coordinate per parameter (see <see cref="SearchParameter"/>).</param>
/// <param name="Loss">The validation metric, negated when higher is better.</param>
public sealed record TrialPoint(IReadOnlyList<double> Point, double Loss);

/// <summary>Chooses the next point of a search space to try, given the points tried so far.</summary>
public interface ISearchStrategy
{
    /// <summary>The strategy's short name ("random", "tpe").</summary>
    string Name { get; }

    /// <summary>The next point to try. Every random choice comes from <paramref name="random"/>, so a seeded generator repeats a search exactly.</summary>
    /// <param name="space">The space to search.</param>
    /// <param name="history">The points tried so far, in trial order.</param>
    /// <param name="random">The source of randomness.</param>
    IReadOnlyList<double> Propose(SearchSpace space, IReadOnlyList<TrialPoint> history, Random random);
}
