namespace Affinity.Core.Recommending;

/// <summary>A model that can say which items are like a given item ("more like this").</summary>
public interface ISimilarItems : IRecommender
{
    /// <summary>
    /// The items most similar to <paramref name="item"/>, best first, never the item itself. An item
    /// the model knows nothing about gets an empty list.
    /// </summary>
    IReadOnlyList<ScoredItem> SimilarItems(int item, int count);
}
