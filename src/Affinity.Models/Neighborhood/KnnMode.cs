using System.Text.Json.Serialization;

namespace Affinity.Models.Neighborhood;

/// <summary>What a neighbourhood model predicts: ratings (explicit feedback) or a top-N ranking (implicit feedback).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KnnMode>))]
public enum KnnMode
{
    /// <summary>
    /// Chosen at fit time from the training data: <see cref="Rating"/> for
    /// <see cref="Affinity.Core.Data.FeedbackKind.Explicit"/> data, <see cref="Ranking"/> for implicit data (the default).
    /// </summary>
    Auto,

    /// <summary>
    /// Rating prediction as Surprise's <c>KNNBaseline</c>: the baseline b_ui plus the similarity-weighted
    /// mean of the residuals r - b of the k most similar neighbours that rated the item (Koren 2010).
    /// </summary>
    Rating,

    /// <summary>
    /// Top-N ranking: the score of an item is a similarity-weighted sum over the user's history
    /// (item-kNN) or over the user's neighbours' histories (user-kNN), as implicit's and MyMediaLite's kNN recommenders.
    /// </summary>
    Ranking,
}
