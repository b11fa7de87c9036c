using Affinity.Core.Data;

namespace Affinity.Storage;

/// <summary>What <see cref="SnapshotReader"/> reads and how it labels the dataset.</summary>
/// <param name="Name">The dataset name.</param>
/// <param name="Kind">What the event values mean.</param>
/// <param name="ThroughSequence">The last sequence number to include; null for the log's high-water mark when the read starts.</param>
public sealed record SnapshotOptions(string Name = "store", FeedbackKind Kind = FeedbackKind.Implicit, long? ThroughSequence = null);
