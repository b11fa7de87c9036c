using Affinity.Core.Data;

namespace Affinity.Evaluation.Protocols;

/// <summary>What a protocol splits: the loaded dataset, the folder it came from, and a predefined fold per interaction where the dataset ships one.</summary>
/// <param name="Data">The dataset.</param>
/// <param name="Folder">The dataset folder, for protocols that read split files from it (ML-100K u1..u5).</param>
/// <param name="FoldOf">The predefined fold of every interaction (ML-1M folds), or null.</param>
public sealed record ProtocolInput(Dataset Data, string? Folder = null, int[]? FoldOf = null);
