using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Tuning;

/// <summary>How a tuning run searches, what it optimises and on which splits.</summary>
public sealed record TuningOptions
{
    /// <summary>How many points to try; at least 1.</summary>
    public int Trials { get; init; } = 20;

    /// <summary>The seed of the search, of the validation carve and of every model's <c>FitContext</c>.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The metric to optimise on validation; the protocol's first metric when null.</summary>
    public string? Metric { get; init; }

    /// <summary>How the next point is chosen; TPE by default.</summary>
    public ISearchStrategy Strategy { get; init; } = new TreeParzenSearch();

    /// <summary>Average the validation metric over every split of the protocol instead of using only the first.</summary>
    public bool AllFolds { get; init; }

    /// <summary>
    /// Carves validation out of a split's training part; the first split it returns is used. When
    /// null, <see cref="ValidationSplits.DefaultSplitter"/> chooses by protocol kind.
    /// </summary>
    public ISplitter? ValidationSplitter { get; init; }

    /// <summary>After the search, measure the best options once on the test part of the tuned split.</summary>
    public bool EvaluateBest { get; init; }

    /// <summary>Receives progress.</summary>
    public IProgress<TuningProgress>? Progress { get; init; }

    /// <summary>Stops the run.</summary>
    public CancellationToken CancellationToken { get; init; }
}

/// <summary>Where a tuning run is.</summary>
/// <param name="Done">Trials finished (the final test run counts as one more step).</param>
/// <param name="Total">Trials in all, plus one for the test run when there is one.</param>
/// <param name="Stage">What is running ("trial 3: fit on u1 validation").</param>
/// <param name="Best">The best validation value so far, when there is one.</param>
public readonly record struct TuningProgress(int Done, int Total, string Stage, double? Best);
