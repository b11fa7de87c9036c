using Affinity.Core.Data;

namespace Affinity.Storage;

/// <summary>A dataset read from a store, with the description a model registry keeps of it.</summary>
/// <param name="Dataset">The events as interactions, every catalogue item and user record, and their attributes.</param>
/// <param name="Description">The cut that was read: sequence high-water mark, counts and checksum.</param>
public sealed record StoreSnapshot(Dataset Dataset, TrainingSnapshot Description);
