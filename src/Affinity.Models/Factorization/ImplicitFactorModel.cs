using System.Numerics.Tensors;
using Affinity.Core.Kernels;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;

namespace Affinity.Models.Factorization;

/// <summary>
/// What every implicit-feedback factor model shares, so that each algorithm writes only its
/// training loop (as the implicit library's <c>MatrixFactorizationBase</c> and MyMediaLite's
/// <c>MF</c>, where WRMF and BPRMF add only their iterations): user and item factors, optional item
/// biases, scoring (the user's row against every item row, <see cref="FactorMatrix.DotAll"/>),
/// similar items by the cosine of item factors, fold-in of a new history, and save/load.
/// </summary>
/// <remarks>
/// The score of item i for user u is x_u · y_i (+ b_i when the model has item biases).
/// <para>Fold-in computes a new user's vector against the fixed item factors; each algorithm says
/// how (<see cref="FoldInUser"/>). <see cref="SolveLeastSquaresUser"/> is the exact implicit-ALS
/// row solve, which ALS uses.</para>
/// <para>Explanations (<see cref="Explain"/>) follow the implicit library's <c>explain</c> (Hu et al.
/// 2008, section 5): the least-squares fold-in x = A⁻¹ Σ_h c_h y_h, with A = YᵀY + Σ_h (c_h − 1) y_h y_hᵀ + λI
/// the user's weighted Gram matrix, makes the score y_iᵀ x a sum over the history of
/// c_h · y_iᵀ A⁻¹ y_h, which one Cholesky solve A z = y_i gives for every h. Each model says which
/// confidences and λ (<see cref="ExplanationRegularization"/>, <see cref="ExplanationConfidenceIncrement"/>):
/// for ALS they are its own, so the terms sum exactly to the score of its fold-in, which is the trained
/// vector with the Cholesky solver; for other models the decomposition explains the least-squares
/// fold-in of the history against their item factors, which approximates their trained vector.
/// Item biases become a <see cref="ReasonKind.Bias"/> reason.</para>
/// <para>Fold-in and similar items ignore what the model does not know: history items outside the
/// training catalogue, and items without training interactions as neighbours.</para>
/// </remarks>
public abstract class ImplicitFactorModel : ScoringRecommender, ISimilarItems, IFoldIn, IExplainer
{
    private FactorMatrix? _users;
    private FactorMatrix? _items;
    private float[] _itemBiases = [];
    private ImplicitLeastSquares? _foldInSolver;
    private float[]? _itemNorms;

    /// <summary>The number of latent factors per user and item.</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    public int Factors => ItemMatrix.Factors;

    /// <summary>The fitted item biases b_i, by item index; empty when the model has none.</summary>
    public ReadOnlySpan<float> ItemBiases => _itemBiases;

    private FactorMatrix UserMatrix => _users ?? throw NotFitted();

    private FactorMatrix ItemMatrix => _items ?? throw NotFitted();

    /// <summary>A user's fitted factors.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a training user.</exception>
    public ReadOnlySpan<float> UserVector(int user)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)user, (uint)UserMatrix.Rows, nameof(user));
        return UserMatrix.Row(user);
    }

    /// <summary>An item's fitted factors.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a training item.</exception>
    public ReadOnlySpan<float> ItemVector(int item)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)item, (uint)ItemMatrix.Rows, nameof(item));
        return ItemMatrix.Row(item);
    }

    /// <inheritdoc />
    public override bool CanScore(int user) => HasHistory(user);

    /// <inheritdoc />
    public override void ScoreItems(int user, Span<float> scores) => Score(UserVector(user), scores);

    /// <summary>
    /// The items whose factors have the largest cosine with the item's (the implicit library's
    /// <c>similar_items</c>), best first, never the item itself nor an item without training
    /// interactions. An unknown item, or one without training interactions, gets an empty list.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public IReadOnlyList<ScoredItem> SimilarItems(int item, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var items = ItemMatrix;
        var norms = _itemNorms ??= KnownItemNorms(items);
        if ((uint)item >= (uint)items.Rows || norms[item] == 0 || count == 0)
        {
            return [];
        }

        var scores = new float[items.Rows];
        items.DotAll(items.Row(item), scores);
        var skip = new bool[items.Rows];
        for (var i = 0; i < scores.Length; i++)
        {
            skip[i] = norms[i] == 0 || i == item;
            scores[i] = skip[i] ? 0 : scores[i] / (norms[i] * norms[item]);
        }

        var k = Math.Min(count, items.Rows);
        var top = new int[k];
        var topScores = new float[k];
        var found = TopK.Select(scores, skip, top, topScores);
        var list = new ScoredItem[found];
        for (var n = 0; n < found; n++)
        {
            list[n] = new ScoredItem(top[n], topScores[n]);
        }

        return list;
    }

    /// <summary>
    /// Scores every item for a history the model was not trained on: the derived model folds the
    /// history into a user vector against the fixed item factors (<see cref="FoldInUser"/>), which
    /// is then scored like a trained user. Repeated items have their values summed; items outside
    /// the catalogue and summed values of 0 or less are ignored, as in training.
    /// </summary>
    public void ScoreHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> scores)
    {
        if (items.Length != values.Length)
        {
            throw new ArgumentException("Every history item needs a value.", nameof(values));
        }

        ScoreGuard.CheckLength(scores, ItemMatrix.Rows);
        var (columns, sums) = History(items, values, ItemMatrix.Rows);
        var vector = new float[Factors];
        FoldInUser(columns, sums, vector);
        Score(vector, scores);
    }

    /// <summary>
    /// Why the model scores the item for the user: each history item's term c_h · y_iᵀ A⁻¹ y_h of the
    /// least-squares fold-in's score (see the remarks), and the item's bias when the model has one.
    /// <see cref="Explanation.Score"/> is the trained score x_u · y_i (+ b_i).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxReasons"/> is negative.</exception>
    public Explanation Explain(int user, int item, int maxReasons = 3)
    {
        if (!ExplainsPair(user, item))
        {
            return ExplainFallback(user, item, maxReasons);
        }

        var (columns, sums) = History(Seen.RowColumns(user), Seen.RowValues(user), ItemMatrix.Rows);
        var weights = new float[columns.Length];
        for (var n = 0; n < weights.Length; n++)
        {
            weights[n] = ExplanationConfidenceIncrement(sums[n]);
        }

        var solver = _foldInSolver ??= new ImplicitLeastSquares(ItemMatrix, ExplanationRegularization);
        var target = ItemVector(item);
        var z = new double[target.Length];
        for (var f = 0; f < z.Length; f++)
        {
            z[f] = target[f];
        }

        solver.SolveSystem(columns, weights, z, solver.CreateWorkspace());
        var contributions = new double[columns.Length];
        for (var n = 0; n < columns.Length; n++)
        {
            var y = ItemVector(columns[n]);
            var dot = 0.0;
            for (var f = 0; f < z.Length; f++)
            {
                dot += y[f] * z[f];
            }

            contributions[n] = (1 + weights[n]) * dot;
        }

        var bias = _itemBiases.Length != 0 ? _itemBiases[item] : (double?)null;
        var score = TensorPrimitives.Dot(UserVector(user), target) + (float)(bias ?? 0);
        return Explanations.Build(user, item, score, columns, contributions, bias, maxReasons);
    }

    /// <summary>λ of the least-squares fold-in that <see cref="Explain"/> decomposes; the same on every call of one model.</summary>
    protected abstract double ExplanationRegularization { get; }

    /// <summary>The confidence increment c − 1 that <see cref="Explain"/> gives a history item of summed value <paramref name="value"/>; 0 (every confidence 1) unless the model says otherwise.</summary>
    protected virtual float ExplanationConfidenceIncrement(float value) => 0;

    /// <summary>Computes the user vector of a history against the fixed item factors.</summary>
    /// <param name="items">The history's items, ascending, each once, all in the catalogue.</param>
    /// <param name="values">Their summed values, all greater than 0.</param>
    /// <param name="vector">Receives the user's factors (length <see cref="Factors"/>).</param>
    protected abstract void FoldInUser(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> vector);

    /// <summary>
    /// The exact implicit-ALS row solve against the fixed item factors
    /// (<see cref="ImplicitLeastSquares.SolveExact"/>): the fold-in of ALS, and a least-squares
    /// fold-in for any factor model. YᵀY + λI is computed on first use and kept.
    /// </summary>
    /// <param name="items">The history's items.</param>
    /// <param name="weights">Their confidence increments w = c − 1.</param>
    /// <param name="regularization">λ; the same on every call of one model.</param>
    /// <param name="vector">Receives the solution.</param>
    protected void SolveLeastSquaresUser(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, double regularization, Span<float> vector)
    {
        var solver = _foldInSolver ??= new ImplicitLeastSquares(ItemMatrix, regularization);
        solver.SolveExact(items, weights, vector, solver.CreateWorkspace());
    }

    /// <summary>Installs the fitted factors; called at the end of <see cref="ScoringRecommender.FitCore"/>.</summary>
    /// <param name="users">One row per training user.</param>
    /// <param name="items">One row per training item, with as many factors as the users.</param>
    /// <param name="itemBiases">One bias per item, or empty for a model without biases.</param>
    protected void SetFactors(FactorMatrix users, FactorMatrix items, float[] itemBiases)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(itemBiases);
        if (users.Factors != items.Factors || (itemBiases.Length != 0 && itemBiases.Length != items.Rows))
        {
            throw new ArgumentException($"{users.Factors} user factors, {items.Factors} item factors and {itemBiases.Length} biases for {items.Rows} items do not fit together.", nameof(items));
        }

        (_users, _items, _itemBiases, _foldInSolver, _itemNorms) = (users, items, itemBiases, null, null);
    }

    /// <inheritdoc />
    protected sealed override void SaveModel(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        UserMatrix.Save(writer, "factors.users");
        ItemMatrix.Save(writer, "factors.items");
        writer.Write("factors.itemBiases", _itemBiases);
    }

    /// <inheritdoc />
    protected sealed override void LoadModel(ModelReader reader, int userCount, int itemCount)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var users = FactorMatrix.Load(reader, "factors.users", userCount);
        var items = FactorMatrix.Load(reader, "factors.items", itemCount);
        var biases = reader.ReadSingles("factors.itemBiases");
        if (users.Factors != items.Factors)
        {
            throw reader.Invalid("factors.items", $"{items.Factors} item factors for {users.Factors} user factors.");
        }

        if (biases.Length != 0 && biases.Length != itemCount)
        {
            throw reader.Invalid("factors.itemBiases", $"{biases.Length} biases for {itemCount} items.");
        }

        SetFactors(users, items, biases);
    }

    private void Score(ReadOnlySpan<float> user, Span<float> scores)
    {
        ScoreGuard.CheckLength(scores, ItemMatrix.Rows);
        ItemMatrix.DotAll(user, scores);
        if (_itemBiases.Length != 0)
        {
            TensorPrimitives.Add(scores, _itemBiases, scores);
        }
    }

    /// <summary>The history as sorted, merged items and their summed values.</summary>
    private static (int[] Items, float[] Values) History(ReadOnlySpan<int> items, ReadOnlySpan<float> values, int itemCount)
    {
        var sortedItems = items.ToArray();
        var sortedValues = values.ToArray();
        Array.Sort(sortedItems, sortedValues);
        var kept = new List<int>(sortedItems.Length);
        var sums = new List<float>(sortedItems.Length);
        var k = 0;
        while (k < sortedItems.Length)
        {
            var item = sortedItems[k];
            var sum = 0f;
            for (; k < sortedItems.Length && sortedItems[k] == item; k++)
            {
                sum += sortedValues[k];
            }

            if ((uint)item < (uint)itemCount && sum > 0)
            {
                kept.Add(item);
                sums.Add(sum);
            }
        }

        return (kept.ToArray(), sums.ToArray());
    }

    /// <summary>The norm of every item's factors, 0 for items without training interactions.</summary>
    private float[] KnownItemNorms(FactorMatrix items)
    {
        var norms = items.RowNorms();
        var touched = new bool[norms.Length];
        foreach (var item in Seen.Columns)
        {
            touched[item] = true;
        }

        for (var i = 0; i < norms.Length; i++)
        {
            norms[i] = touched[i] ? norms[i] : 0;
        }

        return norms;
    }
}
