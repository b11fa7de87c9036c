using System.Text.Json.Serialization;

namespace Affinity.Core.Retrieval;

/// <summary>How a retriever scores an item vector against a query vector; higher is better.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RetrievalMetric>))]
public enum RetrievalMetric
{
    /// <summary>
    /// The inner product q · y, the score a factor model gives (maximum inner product search, the
    /// recommender case: the query is a user vector, the items are item vectors).
    /// </summary>
    InnerProduct,

    /// <summary>
    /// The cosine similarity q · y / (‖q‖ ‖y‖); a zero vector has cosine 0 with everything.
    /// </summary>
    Cosine,
}
