namespace Affinity.Core.Retrieval;

/// <summary>
/// Finds the items whose vectors score best against a query vector: candidate retrieval for a
/// factor model, where the query is a user's factors and the items are the item factors. Two
/// implementations: <see cref="ExactRetriever"/> scores every item, <see cref="HnswIndex"/> walks
/// a graph and scores a few thousand; <see cref="ItemRetrievers.Create"/> picks by catalogue size.
/// Implementations are immutable and safe to search from many threads at once.
/// </summary>
public interface IItemRetriever
{
    /// <summary>The number of items; item ids are 0 to Count - 1, in the order they were given.</summary>
    int Count { get; }

    /// <summary>The length of every item vector and query.</summary>
    int Dimensions { get; }

    /// <summary>How items are scored.</summary>
    RetrievalMetric Metric { get; }

    /// <summary>
    /// Writes up to <c>ids.Length</c> items that <paramref name="filter"/> allows, best first (ties
    /// to the smaller id), and their scores under <see cref="Metric"/>; returns how many were written.
    /// </summary>
    /// <param name="query">The query vector, <see cref="Dimensions"/> long.</param>
    /// <param name="ids">Receives item ids; its length is k.</param>
    /// <param name="scores">Receives their scores; the same length as <paramref name="ids"/>.</param>
    /// <param name="filter">Which items may be returned; every item by default.</param>
    /// <exception cref="ArgumentException">The query or the output spans have the wrong length.</exception>
    int Search(ReadOnlySpan<float> query, Span<int> ids, Span<float> scores, RetrievalFilter filter = default);
}
