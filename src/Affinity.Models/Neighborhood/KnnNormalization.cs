using System.Text.Json.Serialization;

namespace Affinity.Models.Neighborhood;

/// <summary>How ranking mode scales each row's neighbour similarities before adding them up.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KnnNormalization>))]
public enum KnnNormalization
{
    /// <summary>Similarities are used as they are (implicit's nearest-neighbour recommenders).</summary>
    None,

    /// <summary>
    /// Each row's kept similarities are divided by their sum, so every history item (item-kNN) or every
    /// user's neighbourhood (user-kNN) contributes a total weight of one (Deshpande and Karypis, TOIS 2004).
    /// </summary>
    RowSum,
}
