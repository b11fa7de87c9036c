using Affinity.Core.Recommending;

namespace Affinity.Core.Engine;

/// <summary>
/// A model's own item similarity through <see cref="ISimilarItems"/> (the cosine of item factors for
/// factor models, the neighbour weights of item-kNN, the learned weights of EASE and RP3beta), truncated
/// to each item's <see cref="Neighbors"/> nearest: a pair outside the first item's list is unrelated (0).
/// Lists are fetched on first use and kept, so a request only pays for the items it has not met before.
/// </summary>
public sealed class NeighborSimilarity : IItemSimilarity
{
    private readonly ISimilarItems _model;
    private readonly Neighbors?[] _lists;

    /// <summary>Wraps the model's similar-items lists for a catalogue of <paramref name="itemCount"/> items.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or <paramref name="neighbors"/> is zero.</exception>
    public NeighborSimilarity(ISimilarItems model, int itemCount, int neighbors = 200)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neighbors);
        _model = model;
        _lists = new Neighbors?[itemCount];
        NeighborCount = neighbors;
    }

    /// <summary>How many neighbours of each item are consulted.</summary>
    public int NeighborCount { get; }

    /// <inheritdoc />
    public float Similarity(int first, int second)
    {
        if (first == second)
        {
            return 1;
        }

        var list = Volatile.Read(ref _lists[first]);
        if (list is null)
        {
            // Two requests may fetch the same list at once; both compute the same thing, one is kept.
            list = Neighbors.From(_model.SimilarItems(first, NeighborCount));
            Volatile.Write(ref _lists[first], list);
        }

        var at = Array.BinarySearch(list.Items, second);
        return at >= 0 ? list.Scores[at] : 0f;
    }

    private sealed class Neighbors(int[] items, float[] scores)
    {
        public int[] Items { get; } = items;

        public float[] Scores { get; } = scores;

        public static Neighbors From(IReadOnlyList<ScoredItem> similar)
        {
            var items = new int[similar.Count];
            var scores = new float[similar.Count];
            for (var k = 0; k < items.Length; k++)
            {
                items[k] = similar[k].Item;
                scores[k] = similar[k].Score;
            }

            Array.Sort(items, scores);
            return new Neighbors(items, scores);
        }
    }
}
