namespace Affinity.Models.Neighborhood;

/// <summary>A model's options with every per-mode default filled in, for one fit: what the code reads.</summary>
/// <param name="Mode">Rating or ranking (never Auto).</param>
/// <param name="Similarity">The measure.</param>
/// <param name="Neighbors">k.</param>
/// <param name="StoredNeighbors">How many neighbours each row of the similarity matrix keeps.</param>
/// <param name="Shrinkage">Koren's shrinkage: a similarity with co-support n is multiplied by n / (n + shrinkage).</param>
/// <param name="MinSupport">Pairs with fewer co-occurring columns get no similarity.</param>
/// <param name="Residuals">Rating mode: similarities on baseline residuals.</param>
/// <param name="Binarize">Ranking mode: every value counts as 1.</param>
/// <param name="Alpha">The asymmetric-cosine exponent (ranking-mode cosine only).</param>
/// <param name="K1">BM25's term-frequency saturation.</param>
/// <param name="B">BM25's length normalisation.</param>
/// <param name="Normalization">Ranking mode: how each row's similarities are scaled.</param>
/// <param name="UserReg">The baseline's ALS user shrinkage, for the bias of a folded-in history.</param>
internal sealed record KnnSettings(
    KnnMode Mode,
    KnnSimilarity Similarity,
    int Neighbors,
    int StoredNeighbors,
    double Shrinkage,
    int MinSupport,
    bool Residuals,
    bool Binarize,
    double Alpha,
    double K1,
    double B,
    KnnNormalization Normalization,
    double UserReg)
{
    /// <summary>Rating mode: sums run over the co-rated columns only (Surprise); otherwise over whole rows.</summary>
    public bool CoRated => Mode == KnnMode.Rating;
}

/// <summary>
/// The per-mode defaults of one model class, chosen on validation splits carved from training data
/// (see the options records' documentation).
/// </summary>
internal sealed record KnnDefaults(
    KnnSimilarity RatingSimilarity,
    bool RatingResiduals,
    int RatingNeighbors,
    double RatingShrinkage,
    KnnSimilarity RankingSimilarity,
    int RankingNeighbors,
    double RankingShrinkage,
    KnnNormalization RankingNormalization);

/// <summary>
/// The baseline b = mean + row bias + column bias that rating similarities subtract when they work on
/// residuals (Koren 2010; Surprise's <c>pearson_baseline</c>). Rows and columns follow the matrix the
/// similarity is computed on: items and users for item-kNN, users and items for user-kNN.
/// </summary>
internal sealed record Residuals(double Mean, double[] RowBiases, double[] ColumnBiases);
