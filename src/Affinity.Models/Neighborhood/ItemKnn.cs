using Affinity.Core.Data;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;

namespace Affinity.Models.Neighborhood;

/// <summary>
/// Options of <see cref="ItemKnn"/>; see <see cref="KnnOptions"/> for each option. Defaults in rating mode:
/// the adjusted cosine of raw ratings (Sarwar et al. 2001), k = 40 (Surprise), shrinkage 100. In ranking
/// mode: BM25 (K1 = 1.2, B = 0.75, implicit's defaults) of binarized interactions, 100 neighbours kept per
/// item (RecBole's <c>k</c>), shrinkage 100, rows normalised to sum 1.
/// </summary>
/// <remarks>
/// Chosen on validation splits carved from training data only. Rating: ML-100K u1.base and u2.base, each
/// split 80/20 per user (seed 1): adjusted cosine gave RMSE 0.9256 and 0.9210 against 0.9281 and 0.9254 for
/// Surprise's <c>pearson_baseline</c> and 0.9277 and 0.9262 for Pearson; k 20/30/40/60/80 and shrinkage
/// 50/100/200 moved RMSE by under 0.002. Ranking: the training part of <c>msr-stratified</c> on ML-100K and
/// Last.fm split again 75/25 per user (seed 1), and the validation part of <c>recbole-rs811</c> on ML-1M:
/// BM25 with row normalisation gave nDCG@10 0.2604, 0.1528 and 0.1991 against at most 0.2463, 0.1507 and
/// 0.1672 for the cosine (over the alphas, shrinkages and normalisations tried), and 0.2530, 0.1409 and 0.1922
/// for BM25 without normalisation; shrinkage 0 collapsed BM25 on Last.fm (0.0339); k = 100 was the best
/// compromise of 40/60/100/200 over the three.
/// </remarks>
public sealed record ItemKnnOptions : KnnOptions
{
    private static readonly KnnDefaults ItemDefaults = new(
        RatingSimilarity: KnnSimilarity.AdjustedCosine,
        RatingResiduals: false,
        RatingNeighbors: 40,
        RatingShrinkage: 100,
        RankingSimilarity: KnnSimilarity.Bm25,
        RankingNeighbors: 100,
        RankingShrinkage: 100,
        RankingNormalization: KnnNormalization.RowSum);

    /// <inheritdoc />
    private protected override KnnDefaults Defaults => ItemDefaults;
}

/// <summary>
/// Item-based collaborative filtering: items are similar when the same users interacted with them, and
/// a user is scored from the items in their history. The item-item similarities are computed once
/// from the item x user matrix and kept as a sparse top-k <see cref="SimilarityMatrix"/>.
/// </summary>
/// <remarks>
/// <para>One class, two modes (<see cref="KnnOptions.Mode"/>, chosen from the data's feedback kind unless set):</para>
/// <para>Rating mode follows Surprise's <c>KNNBaseline</c> with <c>user_based=False</c> (Koren, "Factor in
/// the neighbors", TKDD 2010, eq. 3): r̂_ui = b_ui + sum_j s_ij (r_uj - b_uj) / sum_j s_ij over the k items j
/// most similar to i among those u rated, using only positive similarities; with no such item the
/// prediction is b_ui. b_ui = mu + b_u + b_i comes from <see cref="Baselines.BiasBaseline"/>; predictions are
/// clipped to the training range, rankings use them unclipped. The similarity defaults to the adjusted
/// cosine (see <see cref="ItemKnnOptions"/>); the cosine of baseline residuals is Surprise's
/// <c>pearson_baseline</c> up to the shrinkage factor (Koren's n / (n + 100) rather than Surprise's
/// (n - 1) / (n - 1 + 100)).</para>
/// <para>Ranking mode follows implicit's <c>ItemItemRecommender</c> and Deshpande and Karypis (TOIS 2004):
/// each item keeps its k most similar items, and the score of item i is the sum over the user's history
/// items j of w_uj s_ji (w_uj = 1 when <see cref="KnnOptions.Binarize"/>, else the value), where s_ji is
/// in j's kept list, scaled by <see cref="KnnOptions.Normalization"/>. Unlike implicit, a row never
/// keeps the item itself, so all k places hold other items. RecBole's <c>ItemKNN</c> sums instead over the
/// kept neighbours of the target item i; on the validation splits that variant was no better.</para>
/// <para>A history scores directly (<see cref="IFoldIn"/>): the same sums over a history the model was not
/// trained on; in rating mode the user's bias is the ALS user step over that history, so a training
/// user's own history gives exactly its normal scores when the baseline solver is ALS (the default).</para>
/// <para>In ranking mode <see cref="Predict"/> returns the ranking score of the pair, not a rating.</para>
/// <para>Explanations (<see cref="Explain"/>) are the terms the score sums: in ranking mode each history item
/// j weighs w_uj s_ji (after the row scale), and the weights sum to the score; in rating mode each of the
/// neighbours taken weighs s_ij (r_uj − b_uj) / Σ s_ij, and a <see cref="ReasonKind.Bias"/> reason holds b_ui,
/// so again the weights sum to the (unclipped) score.</para>
/// </remarks>
public sealed class ItemKnn : ScoringRecommender, IRatingPredictor, ISimilarItems, IFoldIn, IExplainer
{
    private KnnState? _state;

    /// <summary>Creates an unfitted model.</summary>
    public ItemKnn(ItemKnnOptions? options = null) => Options = options ?? new ItemKnnOptions();

    /// <summary>The options the model was created with.</summary>
    public ItemKnnOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "item-knn";

    /// <summary>The mode the model was fitted in (never <see cref="KnnMode.Auto"/>).</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    public KnnMode FittedMode => State.Mode;

    /// <summary>The options the model was fitted with, every per-mode default filled in.</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    public ItemKnnOptions FittedOptions => (ItemKnnOptions)Options.ResolvedFor(State.Mode);

    /// <summary>The item-item similarities: each item's kept neighbours, most similar first.</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    public SimilarityMatrix Similarities => State.Similarities;

    /// <inheritdoc />
    protected override object OptionsRecord => Options;

    private KnnState State => _state ?? throw NotFitted();

    /// <inheritdoc />
    public override bool CanScore(int user) => HasHistory(user);

    /// <inheritdoc />
    public override void ScoreItems(int user, Span<float> scores)
    {
        var state = State;
        ScoreGuard.CheckLength(scores, ItemCount);
        var seen = Seen;
        var items = (uint)user < (uint)seen.RowCount ? seen.RowColumns(user) : [];
        var values = (uint)user < (uint)seen.RowCount ? seen.RowValues(user) : [];
        if (state.Baseline is { } baseline)
        {
            ScoreRatings(state, baseline, items, values, baseline.UserBias(user), scores);
        }
        else
        {
            ScoreRanking(state, items, values, scores);
        }
    }

    /// <inheritdoc />
    public void ScoreHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> scores)
    {
        var state = State;
        KnnHistory.Check(items, values, ItemCount);
        ScoreGuard.CheckLength(scores, ItemCount);
        if (state.Baseline is { } baseline)
        {
            ScoreRatings(state, baseline, items, values, baseline.FoldInUserBias(items, values, state.Settings.UserReg), scores);
        }
        else
        {
            ScoreRanking(state, items, values, scores);
        }
    }

    /// <inheritdoc />
    public float Predict(int user, int item)
    {
        var state = State;
        var seen = Seen;
        var knownUser = (uint)user < (uint)seen.RowCount;
        var knownItem = (uint)item < (uint)ItemCount;
        var history = knownUser ? seen.RowColumns(user) : [];
        var values = knownUser ? seen.RowValues(user) : [];
        if (state.Baseline is not { } baseline)
        {
            return knownItem ? RankingScore(state, history, values, item) : 0f;
        }

        var userBias = baseline.UserBias(user);
        var estimate = baseline.Mean + userBias + baseline.ItemBias(item);
        if (knownItem)
        {
            estimate += NeighbourhoodTerm(state, baseline, userBias, item, history, values);
        }

        return baseline.Scale.Clip(estimate);
    }

    /// <inheritdoc />
    public Explanation Explain(int user, int item, int maxReasons = 3)
    {
        var state = State;
        if (!ExplainsPair(user, item))
        {
            return ExplainFallback(user, item, maxReasons);
        }

        var history = Seen.RowColumns(user);
        var values = Seen.RowValues(user);
        var contributions = new double[history.Length];
        if (state.Baseline is not { } baseline)
        {
            var score = 0f;
            for (var k = 0; k < history.Length; k++)
            {
                var term = (state.Settings.Binarize ? 1f : values[k]) * state.RowScales[history[k]] * state.Similarities.Similarity(history[k], item);
                contributions[k] = term;
                score += term;
            }

            return Explanations.Build(user, item, score, history, contributions, null, maxReasons);
        }

        // The same walk as NeighbourhoodTerm, keeping each neighbour's term before dividing by the total.
        var userBias = baseline.UserBias(user);
        var neighbors = state.Similarities.Neighbors(item);
        var sims = state.Similarities.Similarities(item);
        double total = 0;
        var taken = 0;
        for (var t = 0; t < neighbors.Length && taken < state.Settings.Neighbors; t++)
        {
            var at = history.BinarySearch(neighbors[t]);
            if (at >= 0)
            {
                contributions[at] = sims[t] * (values[at] - (baseline.Mean + userBias + baseline.ItemBiases[neighbors[t]]));
                total += sims[t];
                taken++;
            }
        }

        var estimate = baseline.Mean + userBias + baseline.ItemBiases[item];
        for (var k = 0; total > 0 && k < contributions.Length; k++)
        {
            contributions[k] /= total;
            estimate += contributions[k];
        }

        return Explanations.Build(user, item, (float)estimate, history, contributions, baseline.Mean + userBias + baseline.ItemBiases[item], maxReasons);
    }

    /// <inheritdoc />
    public IReadOnlyList<ScoredItem> SimilarItems(int item, int count)
    {
        var similarities = State.Similarities;
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((uint)item >= (uint)similarities.RowCount)
        {
            return [];
        }

        var neighbors = similarities.Neighbors(item);
        var values = similarities.Similarities(item);
        var list = new ScoredItem[Math.Min(count, neighbors.Length)];
        for (var k = 0; k < list.Length; k++)
        {
            list[k] = new ScoredItem(neighbors[k], values[k]);
        }

        return list;
    }

    /// <inheritdoc />
    protected override void FitCore(Dataset train, FitContext context)
    {
        var settings = Options.SettingsFor(train.Kind);
        var baseline = settings.CoRated ? KnnBaseline.Fit(train, Options.Baseline, context) : null;
        var residuals = baseline is not null && settings.Residuals ? new Residuals(baseline.Mean, baseline.ItemBiases, baseline.UserBiases) : null;
        var rows = WeightedRows.Create(train.ByItem, settings, residuals);
        var similarities = SimilarityBuilder.Build(rows, settings, context);
        _state = new KnnState(settings, similarities, baseline);
    }

    /// <inheritdoc />
    protected override void SaveModel(ModelWriter writer) => State.Save(writer);

    /// <inheritdoc />
    protected override void LoadModel(ModelReader reader, int userCount, int itemCount)
        => _state = KnnState.Load(reader, Options, itemCount, userCount, itemCount);

    /// <summary>Adds w_uj s_ji over the history into the scores of j's kept neighbours.</summary>
    private void ScoreRanking(KnnState state, ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> scores)
    {
        scores.Clear();
        var similarities = state.Similarities;
        for (var k = 0; k < items.Length; k++)
        {
            var j = items[k];
            var weight = (state.Settings.Binarize ? 1f : values[k]) * state.RowScales[j];
            var neighbors = similarities.Neighbors(j);
            var sims = similarities.Similarities(j);
            for (var t = 0; t < neighbors.Length; t++)
            {
                scores[neighbors[t]] += weight * sims[t];
            }
        }
    }

    /// <summary>The ranking score of one item: the sum over the history of w_uj s_ji.</summary>
    private float RankingScore(KnnState state, ReadOnlySpan<int> items, ReadOnlySpan<float> values, int item)
    {
        var score = 0f;
        for (var k = 0; k < items.Length; k++)
        {
            var j = items[k];
            score += (state.Settings.Binarize ? 1f : values[k]) * state.RowScales[j] * state.Similarities.Similarity(j, item);
        }

        return score;
    }

    /// <summary>b_ui plus the neighbourhood term for every item, unclipped.</summary>
    private void ScoreRatings(KnnState state, KnnBaseline baseline, ReadOnlySpan<int> items, ReadOnlySpan<float> values, double userBias, Span<float> scores)
    {
        // The user's residual for every item it rated, NaN elsewhere, so each neighbour costs one lookup.
        var residuals = new double[ItemCount];
        Array.Fill(residuals, double.NaN);
        for (var k = 0; k < items.Length; k++)
        {
            residuals[items[k]] = values[k] - (baseline.Mean + userBias + baseline.ItemBiases[items[k]]);
        }

        var similarities = state.Similarities;
        var limit = state.Settings.Neighbors;
        for (var i = 0; i < scores.Length; i++)
        {
            var neighbors = similarities.Neighbors(i);
            var sims = similarities.Similarities(i);
            double weighted = 0;
            double total = 0;
            var taken = 0;
            for (var t = 0; t < neighbors.Length && taken < limit; t++)
            {
                var residual = residuals[neighbors[t]];
                if (!double.IsNaN(residual))
                {
                    weighted += sims[t] * residual;
                    total += sims[t];
                    taken++;
                }
            }

            var estimate = baseline.Mean + userBias + baseline.ItemBiases[i] + (total > 0 ? weighted / total : 0);
            scores[i] = (float)estimate;
        }
    }

    /// <summary>The neighbourhood term of one prediction: the history looked up by binary search (history columns are sorted).</summary>
    private double NeighbourhoodTerm(KnnState state, KnnBaseline baseline, double userBias, int item, ReadOnlySpan<int> history, ReadOnlySpan<float> values)
    {
        var neighbors = state.Similarities.Neighbors(item);
        var sims = state.Similarities.Similarities(item);
        double weighted = 0;
        double total = 0;
        var taken = 0;
        for (var t = 0; t < neighbors.Length && taken < state.Settings.Neighbors; t++)
        {
            var at = history.BinarySearch(neighbors[t]);
            if (at >= 0)
            {
                var j = neighbors[t];
                weighted += sims[t] * (values[at] - (baseline.Mean + userBias + baseline.ItemBiases[j]));
                total += sims[t];
                taken++;
            }
        }

        return total > 0 ? weighted / total : 0;
    }
}
