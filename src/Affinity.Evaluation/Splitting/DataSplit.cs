using Affinity.Core.Data;

namespace Affinity.Evaluation.Splitting;

/// <summary>
/// One train/test (and optional validation) split of a dataset. All parts share the source's id
/// maps, so dense indexes mean the same item in each.
/// </summary>
/// <param name="Name">The fold name ("u1", "fold 3 of 5").</param>
/// <param name="Train">The training interactions.</param>
/// <param name="Test">The held-out interactions.</param>
/// <param name="Validation">Interactions for tuning and early stopping, when the protocol has them.</param>
public sealed record DataSplit(string Name, Dataset Train, Dataset Test, Dataset? Validation = null);
