namespace Affinity.Core.Engine;

/// <summary>
/// How alike two items of a snapshot are, for diversity re-ranking: 1 alike, 0 unrelated (negative
/// values allowed). Implementations must be thread-safe; the engine calls them from concurrent requests.
/// </summary>
public interface IItemSimilarity
{
    /// <summary>The similarity of two items (dense indexes of the snapshot).</summary>
    float Similarity(int first, int second);
}
