using Affinity.Core.Data;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;
using Affinity.Models.Baselines;

namespace Affinity.Models.Factorization.Rating;

/// <summary>
/// What every explicit-rating factor model shares: the prediction
/// r̂_ui = μ + b_u + b_i + x_uᵀ q_i (Koren, Bell and Volinsky, "Matrix factorization techniques for
/// recommender systems", IEEE Computer 2009, equation 4), clipped to the training rating range, the
/// unclipped score for ranking, fold-in of a new history, and save/load of μ, the biases and the
/// two factor matrices. A model only fits its parameters and hands them over; as in MyMediaLite's
/// <c>MatrixFactorization</c>, where each subclass writes only its iteration.
/// </summary>
/// <remarks>
/// x_u is whatever the model uses as the user's vector: p_u for <see cref="BiasedMf"/>,
/// p_u + |N(u)|^-1/2 Σ y_j for <see cref="SvdPlusPlus"/>, the sample-averaging concatenation for
/// <see cref="BayesianMf"/>. A user or item without training ratings has its bias and factors set
/// to zero, so it predicts exactly like an unknown one (μ plus the other side's bias), as in Surprise.
/// <para>Explanations (<see cref="Explain"/>) decompose the score of the fold-in of the user's training
/// history (<see cref="ScoreHistory"/>), which approximates the trained x_u and b_u: that fold-in solves a
/// (regularised) least-squares problem against the fixed item side, so its score is exactly
/// μ + b_i + a constant + Σ_n (share of rating n), each model working out the shares of its own
/// fold-in (the implicit library's <c>explain</c>, generalised to biases). A history item's weight is
/// its share; μ + b_i plus the constant is one <see cref="ReasonKind.Bias"/> reason, so the weights
/// sum to the fold-in's score. <see cref="Explanation.Score"/> is the trained, unclipped score.</para>
/// </remarks>
public abstract class RatingFactorModel : ScoringRecommender, IRatingPredictor, IFoldIn, IExplainer
{
    private RatingScale? _scale;
    private float[] _userBiases = [];
    private float[] _itemBiases = [];
    private FactorMatrix? _userFactors;
    private FactorMatrix? _itemFactors;

    /// <summary>The global mean μ of the training ratings.</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    public double Mean => Scale.Mean;

    /// <summary>The fitted user biases b_u, by user index (empty before fitting).</summary>
    public ReadOnlySpan<float> UserBiases => _userBiases;

    /// <summary>The fitted item biases b_i, by item index (empty before fitting).</summary>
    public ReadOnlySpan<float> ItemBiases => _itemBiases;

    /// <summary>The length of the stored user and item vectors (0 before fitting).</summary>
    public int VectorLength => _itemFactors?.Factors ?? 0;

    /// <summary>The user's vector x_u as used in predictions.</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    public ReadOnlySpan<float> UserVector(int user) => (_userFactors ?? throw NotFitted()).Row(user);

    /// <summary>The item's vector q_i.</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    public ReadOnlySpan<float> ItemVector(int item) => (_itemFactors ?? throw NotFitted()).Row(item);

    private protected RatingScale Scale => _scale ?? throw NotFitted();

    private protected FactorMatrix ItemFactorMatrix => _itemFactors ?? throw NotFitted();

    /// <inheritdoc />
    public float Predict(int user, int item)
    {
        var scale = Scale;
        var prediction = scale.Mean;
        var knownUser = (uint)user < (uint)_userBiases.Length;
        var knownItem = (uint)item < (uint)_itemBiases.Length;
        if (knownUser)
        {
            prediction += _userBiases[user];
        }

        if (knownItem)
        {
            prediction += _itemBiases[item];
        }

        if (knownUser && knownItem)
        {
            prediction += System.Numerics.Tensors.TensorPrimitives.Dot(_userFactors!.Row(user), _itemFactors!.Row(item));
        }

        return scale.Clip(prediction);
    }

    /// <inheritdoc />
    public override bool CanScore(int user) => HasHistory(user);

    /// <inheritdoc />
    public override void ScoreItems(int user, Span<float> scores)
    {
        var userFactors = _userFactors ?? throw NotFitted();
        Score((float)(Scale.Mean + _userBiases[user]), userFactors.Row(user), scores);
    }

    /// <summary>
    /// Scores a history the model was not trained on. The user's bias and vector are solved against
    /// the fixed item side (each model says how in its remarks); the scores are the unclipped
    /// μ + b_u + b_i + x_uᵀ q_i. An empty history scores μ + b_i.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ, or an item is outside the training items.</exception>
    public void ScoreHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> scores)
    {
        var itemFactors = ItemFactorMatrix;
        if (items.Length != values.Length)
        {
            throw new ArgumentException("Every history item needs a value.", nameof(values));
        }

        foreach (var item in items)
        {
            if ((uint)item >= (uint)itemFactors.Rows)
            {
                throw new ArgumentException($"The history item {item} is not one of the {itemFactors.Rows} training items.", nameof(items));
            }
        }

        ScoreGuard.CheckLength(scores, itemFactors.Rows);
        var vector = new float[itemFactors.Factors];
        var bias = items.IsEmpty ? 0 : SolveHistory(items, values, vector);
        Score((float)(Scale.Mean + bias), vector, scores);
    }

    /// <inheritdoc />
    public Explanation Explain(int user, int item, int maxReasons = 3)
    {
        if (!ExplainsPair(user, item))
        {
            return ExplainFallback(user, item, maxReasons);
        }

        var history = Seen.RowColumns(user);
        var contributions = new double[history.Length];
        var constant = ExplainHistory(history, Seen.RowValues(user), item, contributions);
        var score = (float)(Scale.Mean + _userBiases[user] + _itemBiases[item]) + System.Numerics.Tensors.TensorPrimitives.Dot(UserVector(user), ItemVector(item));
        return Explanations.Build(user, item, score, history, contributions, Scale.Mean + _itemBiases[item] + constant, maxReasons);
    }

    /// <summary>
    /// Writes each history rating's exact share of the fold-in's score of <paramref name="item"/> and returns
    /// what the fold-in adds that no rating accounts for (beyond μ + b_i; a prior's mean, or 0).
    /// </summary>
    private protected abstract double ExplainHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, int item, Span<double> contributions);

    /// <summary>Solves a new user's bias (returned) and vector (written) from a non-empty history with valid items.</summary>
    private protected abstract double SolveHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> vector);

    /// <summary>
    /// Hands over fitted parameters. Rows of users and items without training ratings are zeroed
    /// (bias and factors), so they predict like unknown ones.
    /// </summary>
    private protected void SetParameters(Dataset train, RatingScale scale, float[] userBiases, float[] itemBiases, FactorMatrix userFactors, FactorMatrix itemFactors)
    {
        var byUser = train.ByUser;
        for (var u = 0; u < userBiases.Length; u++)
        {
            if (byUser.RowLength(u) == 0)
            {
                userBiases[u] = 0;
                userFactors.Row(u).Clear();
            }
        }

        var itemCounts = train.ItemCounts();
        for (var i = 0; i < itemBiases.Length; i++)
        {
            if (itemCounts[i] == 0)
            {
                itemBiases[i] = 0;
                itemFactors.Row(i).Clear();
            }
        }

        (_scale, _userBiases, _itemBiases, _userFactors, _itemFactors) = (scale, userBiases, itemBiases, userFactors, itemFactors);
    }

    /// <summary>Writes what the model keeps beyond μ, the biases and the two factor matrices.</summary>
    private protected virtual void SaveExtra(ModelWriter writer)
    {
    }

    /// <summary>Reads what <see cref="SaveExtra"/> wrote, checking shapes.</summary>
    private protected virtual void LoadExtra(ModelReader reader, int userCount, int itemCount)
    {
    }

    /// <inheritdoc />
    protected sealed override void SaveModel(ModelWriter writer)
    {
        Scale.Save(writer);
        writer.Write("userBiases", _userBiases);
        writer.Write("itemBiases", _itemBiases);
        _userFactors!.Save(writer, "userFactors");
        _itemFactors!.Save(writer, "itemFactors");
        SaveExtra(writer);
    }

    /// <inheritdoc />
    protected sealed override void LoadModel(ModelReader reader, int userCount, int itemCount)
    {
        var userBiases = reader.ReadSingles("userBiases");
        var itemBiases = reader.ReadSingles("itemBiases");
        if (userBiases.Length != userCount || itemBiases.Length != itemCount)
        {
            throw reader.Invalid("userBiases", $"{userBiases.Length} user and {itemBiases.Length} item biases for {userCount} users and {itemCount} items.");
        }

        var userFactors = FactorMatrix.Load(reader, "userFactors", userCount);
        var itemFactors = FactorMatrix.Load(reader, "itemFactors", itemCount);
        if (userFactors.Factors != itemFactors.Factors)
        {
            throw reader.Invalid("itemFactors", $"{itemFactors.Factors} item factors against {userFactors.Factors} user factors.");
        }

        var scale = RatingScale.Load(reader);
        (_scale, _userBiases, _itemBiases, _userFactors, _itemFactors) = (scale, userBiases, itemBiases, userFactors, itemFactors);
        LoadExtra(reader, userCount, itemCount);
    }

    private void Score(float userPart, ReadOnlySpan<float> userVector, Span<float> scores)
    {
        var itemFactors = ItemFactorMatrix;
        ScoreGuard.CheckLength(scores, itemFactors.Rows);
        itemFactors.DotAll(userVector, scores);
        System.Numerics.Tensors.TensorPrimitives.Add(scores, _itemBiases, scores);
        System.Numerics.Tensors.TensorPrimitives.Add(scores, userPart, scores);
    }
}
