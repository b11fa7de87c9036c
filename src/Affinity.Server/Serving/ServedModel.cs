using Affinity.Core.Data;
using Affinity.Core.Engine;
using Affinity.Storage;

namespace Affinity.Server.Serving;

/// <summary>
/// What one activation serves: the engine snapshot, the store's data of the same cut (for profiles),
/// the registry entry (null for the popularity fallback the server starts on without a model), and
/// the training users the store has forgotten since.
/// </summary>
internal sealed record ServedModel(ServingSnapshot Snapshot, Dataset Cut, ModelInfo? Info, IReadOnlyList<string> ForgottenUsers)
{
    public bool IsFallback => Info is null;
}
