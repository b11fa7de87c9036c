using System.Text.Json.Serialization;

namespace Affinity.Models.Neighborhood;

/// <summary>
/// How a neighbourhood model measures the similarity of two rows (two items for item-kNN, two users
/// for user-kNN). <see cref="Cosine"/>, <see cref="Pearson"/>, <see cref="AdjustedCosine"/> and
/// <see cref="Msd"/> are rating similarities: in rating mode they are taken over the co-rated
/// columns only, as Surprise does (a missing rating is unknown, not zero). <see cref="Cosine"/>,
/// <see cref="Jaccard"/>, <see cref="Bm25"/> and <see cref="TfIdf"/> are the implicit-feedback
/// similarities of ranking mode, taken over whole rows (a missing interaction is a zero).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<KnnSimilarity>))]
public enum KnnSimilarity
{
    /// <summary>
    /// Rating mode: Surprise's <c>cosine</c>, sum x_a x_b / sqrt(sum x_a^2 sum x_b^2) over the co-rated
    /// columns; on baseline residuals this is Surprise's <c>pearson_baseline</c> (Koren 2010). Ranking mode:
    /// implicit's <c>CosineRecommender</c>, dot(a, b) / (|a| |b|) over whole rows, or, with an alpha other
    /// than 0.5, the asymmetric cosine dot(a, b) / (|a|^(2 alpha) |b|^(2 (1 - alpha))) of Aiolli (RecSys 2013).
    /// </summary>
    Cosine,

    /// <summary>Surprise's <c>pearson</c>: the correlation over the co-rated columns, centred on their means over those columns. Rating mode only.</summary>
    Pearson,

    /// <summary>
    /// Sarwar et al. (WWW 2001) adjusted cosine: the cosine over the co-rated columns after subtracting
    /// each column's mean (the user's mean rating for item-kNN, the item's for user-kNN). Rating mode only.
    /// </summary>
    AdjustedCosine,

    /// <summary>Surprise's <c>msd</c>: 1 / (mean squared difference over the co-rated columns + 1). Rating mode only.</summary>
    Msd,

    /// <summary>|A ∩ B| / |A ∪ B| of the two rows' column sets (values ignored), as SAR's <c>jaccard</c>. Ranking mode only.</summary>
    Jaccard,

    /// <summary>
    /// implicit's <c>BM25Recommender</c>: rows weighted by Okapi BM25 (parameters K1 and B, rows as documents,
    /// columns as terms), similarity = the dot product of the weighted rows, unnormalised. Ranking mode only.
    /// </summary>
    Bm25,

    /// <summary>
    /// implicit's <c>TFIDFRecommender</c>: every value becomes sqrt(x) idf(column), with
    /// idf = ln(rows) - ln(1 + column count), then the cosine of the weighted rows. Ranking mode only.
    /// </summary>
    TfIdf,
}
