using Affinity.Core.Data;
using Affinity.Models.Baselines;

namespace Affinity.Models.Neighborhood;

/// <summary>
/// The options that <see cref="ItemKnn"/> and <see cref="UserKnn"/> share, validated where they are set.
/// The options left null (<see cref="Similarity"/>, <see cref="Neighbors"/>, <see cref="Shrinkage"/>,
/// <see cref="BaselineResiduals"/>, <see cref="Normalization"/>) take the default of the mode the model
/// runs in, because what works best for rating prediction and for ranking differs (each options record
/// lists its defaults; <see cref="ResolvedFor"/> shows them). Each mode reads only its own options: rating
/// mode ignores <see cref="Binarize"/>, <see cref="Alpha"/>, <see cref="K1"/>, <see cref="B"/> and
/// <see cref="Normalization"/>; ranking mode ignores <see cref="StoredNeighbors"/>,
/// <see cref="BaselineResiduals"/> and <see cref="Baseline"/>.
/// </summary>
public abstract record KnnOptions
{
    /// <summary>Rating prediction or top-N ranking; <see cref="KnnMode.Auto"/> (the default) follows the training data's feedback kind.</summary>
    public KnnMode Mode { get; init => field = OptionGuard.Defined(value, nameof(Mode)); } = KnnMode.Auto;

    /// <summary>
    /// The similarity measure; null means the mode's default. <see cref="KnnSimilarity.Cosine"/> works in both
    /// modes; the other rating measures need rating mode and the other implicit measures ranking mode.
    /// </summary>
    public KnnSimilarity? Similarity { get; init => field = value is { } s ? OptionGuard.Defined(s, nameof(Similarity)) : null; }

    /// <summary>
    /// k: in rating mode, how many of the most similar neighbours that rated the item enter a prediction
    /// (Surprise's <c>k</c>); in ranking mode, how many neighbours each row keeps. At least 1; null means the mode's default.
    /// </summary>
    public int? Neighbors { get; init => field = value is { } k ? OptionGuard.Positive(k, nameof(Neighbors)) : null; }

    /// <summary>
    /// Rating mode: how many neighbours each row of the similarity matrix keeps, from which the k best
    /// that the user (item-kNN) or the item (user-kNN) has are taken; at least 1, and never fewer than k
    /// are kept. Surprise keeps the full matrix; a cap keeps memory linear in the catalogue (400 was within
    /// 0.001 RMSE of the full matrix on ML-100K validation).
    /// </summary>
    public int StoredNeighbors { get; init => field = OptionGuard.Positive(value, nameof(StoredNeighbors)); } = 400;

    /// <summary>
    /// Koren's shrinkage lambda: a similarity with co-support n (the number of columns the two rows share)
    /// is multiplied by n / (n + lambda) (Koren, TKDD 2010, eq. 4; Surprise's <c>pearson_baseline</c> uses
    /// (n - 1) / (n - 1 + lambda)). 0 turns shrinkage off. At least 0; null means the mode's default.
    /// </summary>
    public double? Shrinkage { get; init => field = value is { } s ? OptionGuard.NonNegative(s, nameof(Shrinkage)) : null; }

    /// <summary>Pairs that share fewer columns than this get no similarity (Surprise's <c>min_support</c>). At least 1; 1 by default.</summary>
    public int MinSupport { get; init => field = OptionGuard.Positive(value, nameof(MinSupport)); } = 1;

    /// <summary>
    /// Rating mode: compute the similarity on baseline residuals r - b_ui instead of raw ratings; with
    /// <see cref="KnnSimilarity.Cosine"/> this is Surprise's <c>pearson_baseline</c>. Null means the model's default.
    /// </summary>
    public bool? BaselineResiduals { get; init; }

    /// <summary>Ranking mode: count every interaction as 1 (the default) rather than by its value, in the similarities and in the scores.</summary>
    public bool Binarize { get; init; } = true;

    /// <summary>
    /// Ranking-mode cosine: the asymmetric-cosine exponent (Aiolli, RecSys 2013); 0.5 (the default) is the
    /// plain cosine. Between 0 and 1.
    /// </summary>
    public double Alpha { get; init => field = UnitInterval(value, nameof(Alpha)); } = 0.5;

    /// <summary>BM25's term-frequency saturation K1 (implicit's <c>BM25Recommender</c> default 1.2). At least 0.</summary>
    public double K1 { get; init => field = OptionGuard.NonNegative(value, nameof(K1)); } = 1.2;

    /// <summary>BM25's length normalisation B (implicit's default 0.75). Between 0 and 1.</summary>
    public double B { get; init => field = UnitInterval(value, nameof(B)); } = 0.75;

    /// <summary>Ranking mode: how each row's similarities are scaled before they are added up; null means the model's default.</summary>
    public KnnNormalization? Normalization { get; init => field = value is { } n ? OptionGuard.Defined(n, nameof(Normalization)) : null; }

    /// <summary>Rating mode: the options of the bias baseline b_ui = mu + b_u + b_i (Affinity's <see cref="BiasBaseline"/> defaults).</summary>
    public BiasBaselineOptions Baseline { get; init => field = value ?? throw new ArgumentNullException(nameof(Baseline)); } = new();

    /// <summary>The model class's per-mode defaults.</summary>
    private protected abstract KnnDefaults Defaults { get; }

    /// <summary>
    /// A copy with <see cref="Mode"/> set to <paramref name="mode"/> and every option left null replaced by
    /// that mode's default: the options a fit in that mode runs with.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is <see cref="KnnMode.Auto"/> or undefined.</exception>
    public KnnOptions ResolvedFor(KnnMode mode)
    {
        if (mode is not (KnnMode.Rating or KnnMode.Ranking))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Resolve for Rating or Ranking.");
        }

        var d = Defaults;
        var rating = mode == KnnMode.Rating;
        return this with
        {
            Mode = mode,
            Similarity = Similarity ?? (rating ? d.RatingSimilarity : d.RankingSimilarity),
            Neighbors = Neighbors ?? (rating ? d.RatingNeighbors : d.RankingNeighbors),
            Shrinkage = Shrinkage ?? (rating ? d.RatingShrinkage : d.RankingShrinkage),
            BaselineResiduals = BaselineResiduals ?? d.RatingResiduals,
            Normalization = Normalization ?? d.RankingNormalization,
        };
    }

    /// <summary>The settings of a fit on data of the given kind.</summary>
    /// <exception cref="ArgumentException">The similarity does not belong to the mode.</exception>
    internal KnnSettings SettingsFor(FeedbackKind kind)
        => Settle(Mode == KnnMode.Auto ? (kind == FeedbackKind.Explicit ? KnnMode.Rating : KnnMode.Ranking) : Mode);

    /// <summary>The settings of a fit in <paramref name="mode"/> (a loaded model knows its mode).</summary>
    /// <exception cref="ArgumentException">The similarity does not belong to the mode.</exception>
    internal KnnSettings Settle(KnnMode mode)
    {
        var r = ResolvedFor(mode);
        var similarity = r.Similarity!.Value;
        var ratingOnly = similarity is KnnSimilarity.Pearson or KnnSimilarity.AdjustedCosine or KnnSimilarity.Msd;
        var rankingOnly = similarity is KnnSimilarity.Jaccard or KnnSimilarity.Bm25 or KnnSimilarity.TfIdf;
        if ((mode == KnnMode.Ranking && ratingOnly) || (mode == KnnMode.Rating && rankingOnly))
        {
            throw new ArgumentException($"The similarity {similarity} does not work in {mode} mode; choose {(ratingOnly ? "rating" : "ranking")} mode or another similarity.", nameof(Similarity));
        }

        var k = r.Neighbors!.Value;
        var stored = mode == KnnMode.Rating ? Math.Max(k, StoredNeighbors) : k;
        return new KnnSettings(mode, similarity, k, stored, r.Shrinkage!.Value, MinSupport, r.BaselineResiduals!.Value, Binarize, Alpha, K1, B, r.Normalization!.Value, Baseline.AlsUserReg);
    }

    private static double UnitInterval(double value, string option)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(option, value, $"The option '{option}' must lie between 0 and 1.");
        }

        return value;
    }
}
