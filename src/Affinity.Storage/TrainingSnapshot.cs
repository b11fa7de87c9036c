namespace Affinity.Storage;

/// <summary>What a model was trained on: a cut of the event log, so the same data can be read again.</summary>
/// <param name="ThroughSequence">The high-water mark: every event with a sequence number up to this one, none after.</param>
/// <param name="EventCount">The number of events in the cut.</param>
/// <param name="UserCount">The number of users in the dataset.</param>
/// <param name="ItemCount">The number of items in the dataset.</param>
/// <param name="Checksum">SHA-256 (lower-case hex) over the events of the cut, see <see cref="SnapshotReader"/>.</param>
public sealed record TrainingSnapshot(long ThroughSequence, int EventCount, int UserCount, int ItemCount, string Checksum);
