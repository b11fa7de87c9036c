namespace Affinity.Evaluation.Running;

/// <summary>Where an evaluation run is: which split, which model, what it is doing.</summary>
/// <param name="Split">The split being evaluated.</param>
/// <param name="Model">The model being evaluated.</param>
/// <param name="Stage">"fit" or "predict".</param>
/// <param name="Done">Model-fold runs finished.</param>
/// <param name="Total">Model-fold runs in all.</param>
public readonly record struct EvaluationProgress(string Split, string Model, string Stage, int Done, int Total);
