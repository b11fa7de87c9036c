namespace Affinity.Evaluation.Running;

/// <summary>How to run an evaluation beyond what the protocol fixes.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Metrics to report instead of the protocol's defaults, when set.</summary>
    public IReadOnlyList<string>? Metrics { get; init; }

    /// <summary>When set, the train and test files, predictions and top-K lists of every fold are written here.</summary>
    public string? SavePredictionsFolder { get; init; }

    /// <summary>The seed given to every model's <c>FitContext</c>.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>How many items each saved top-K list and each beyond-accuracy metric uses.</summary>
    public int TopK { get; init; } = 10;

    /// <summary>Receives progress.</summary>
    public IProgress<EvaluationProgress>? Progress { get; init; }

    /// <summary>Stops the run.</summary>
    public CancellationToken CancellationToken { get; init; }
}
