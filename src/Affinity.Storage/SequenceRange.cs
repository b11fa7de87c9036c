namespace Affinity.Storage;

/// <summary>The consecutive sequence numbers a batch received: <see cref="First"/> .. <see cref="Last"/>.</summary>
/// <param name="First">The first sequence number, or 0 for an empty batch.</param>
/// <param name="Count">How many events were stored.</param>
public readonly record struct SequenceRange(long First, int Count)
{
    /// <summary>The last sequence number, or <see cref="First"/> - 1 for an empty batch.</summary>
    public long Last => First + Count - 1;
}
