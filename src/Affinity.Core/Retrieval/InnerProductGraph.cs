using System.Text.Json.Serialization;

namespace Affinity.Core.Retrieval;

/// <summary>How <see cref="HnswIndex"/> builds its graph for <see cref="RetrievalMetric.InnerProduct"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InnerProductGraph>))]
public enum InnerProductGraph
{
    /// <summary>
    /// The graph links items by their plain inner product, a non-metric similarity graph (Morozov
    /// and Babenko, "Non-metric similarity graphs for maximum inner product search", NeurIPS 2018;
    /// hnswlib's "ip" space does the same). Items with long vectors become hubs that a search
    /// reaches quickly, which is where the largest inner products are.
    /// </summary>
    Direct,

    /// <summary>
    /// The reduction of Bachrach et al. (RecSys 2014): rows stored as [y, sqrt(Φ² − ‖y‖²)] and the
    /// graph built on their angles. Exact in theory, but when norms vary widely the extra coordinate
    /// dominates short rows and their neighbourhoods carry little of their direction.
    /// </summary>
    Reduced,
}
