using System.Numerics.Tensors;
using Affinity.Core.Data;
using Affinity.Core.Kernels;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;

namespace Affinity.Models.Linear;

/// <summary>
/// Options of <see cref="Ease"/>. The default lambda, 500, is Steck's; on validation splits carved
/// from the training parts (never the test parts) it sat on the plateau of best values for
/// ML-100K msr-stratified (best 600) and ML-1M recbole-rs811 (best 750), against RecBole's
/// <c>reg_weight</c> of 250. Sparser data wants less: Last.fm validated best at 150.
/// </summary>
public sealed record EaseOptions
{
    /// <summary>The L2 penalty lambda added to the diagonal of X^T X (RecBole <c>reg_weight</c>); greater than 0.</summary>
    public double Lambda { get; init => field = OptionGuard.Positive(value, nameof(Lambda)); } = 500;

    /// <summary>Whether every interaction counts 1 (the paper's and RecBole's X); otherwise a pair weighs the sum of its values.</summary>
    public bool Binarize { get; init; } = true;
}

/// <summary>
/// EASE, the embarrassingly shallow autoencoder (Steck, "Embarrassingly Shallow Autoencoders for
/// Sparse Data", WWW 2019): an item x item weight matrix B with a zero diagonal that reconstructs
/// each user's row, min ||X - X B||^2 + lambda ||B||^2 subject to diag(B) = 0, solved in closed form
/// as P = (X^T X + lambda I)^-1 and B = -P / diag(P) (column j divided by -P_jj), diag(B) = 0.
/// A user's scores are x_u B: the sum of the B rows of the items in their history.
/// </summary>
/// <remarks>
/// <para>Follows RecBole's <c>EASE</c> (recbole/model/general_recommender/ease.py) and Steck's
/// reference code exactly. X^T X is built from the sparse rows, multi-threaded, and inverted with
/// the blocked single-precision <see cref="Cholesky.Invert(Memory{float}, int, int)"/> (m^3 flops
/// for m items with training interactions). With fewer users than items the Woodbury identity
/// gives the same B from the u x u matrix X X^T + lambda I instead (u^3 flops plus sparse
/// products): P = (I - X^T (X X^T + lambda I)^-1 X) / lambda.</para>
/// <para>B is a dense m x m float matrix, built in the buffer that held the Gram matrix: 4 m^2
/// bytes while fitting, in memory and in the model file; 55 MB at 3,700 items, 1.2 GB at 17,600,
/// 1.6 GB at 20,000 (the user-side path also holds u x m floats while fitting). Items without
/// training interactions have zero rows and columns in B and are left out of it.</para>
/// <para>No randomness: the seed does not matter. <see cref="SimilarItems"/> ranks row i of B, the
/// scores a history of just item i would get, keeping positive weights only.</para>
/// </remarks>
public sealed class Ease : ItemToItemModel, ISimilarItems
{
    private int[]? _activeItems;
    private int[] _compactOf = [];
    private float[] _weights = [];

    /// <summary>Creates an unfitted model.</summary>
    public Ease(EaseOptions? options = null) => Options = options ?? new EaseOptions();

    /// <summary>The options the model was created with.</summary>
    public EaseOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "ease";

    /// <summary>The items with training interactions, ascending: the rows and columns of <see cref="Weights"/>.</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    public ReadOnlySpan<int> ActiveItems => _activeItems ?? throw NotFitted();

    /// <summary>B, row-major over <see cref="ActiveItems"/> (entry (r, c) is the weight from item ActiveItems[r] to ActiveItems[c]).</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    public ReadOnlySpan<float> Weights => _activeItems is null ? throw NotFitted() : _weights;

    /// <inheritdoc />
    protected override object OptionsRecord => Options;

    /// <inheritdoc />
    protected override bool Binarize => Options.Binarize;

    /// <inheritdoc />
    public IReadOnlyList<ScoredItem> SimilarItems(int item, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _ = ActiveItems;
        if ((uint)item >= (uint)_compactOf.Length || _compactOf[item] < 0 || count == 0)
        {
            return [];
        }

        var scores = new float[_compactOf.Length];
        ScoreWeightedHistory([item], [1f], scores);
        return PositiveTop.Select(scores, item, count);
    }

    /// <inheritdoc />
    protected override void FitCore(Dataset train, FitContext context)
    {
        var data = ItemInteractions.From(train, Options.Binarize);
        var weights = EaseSolver.Solve(data, (float)Options.Lambda, context);
        (_activeItems, _compactOf, _weights) = (data.ActiveItems, data.CompactOf, weights);
    }

    /// <inheritdoc />
    protected override void SaveModel(ModelWriter writer)
    {
        writer.Write("ease.activeItems", ActiveItems);
        writer.Write("ease.weights", _weights);
    }

    /// <inheritdoc />
    protected override void LoadModel(ModelReader reader, int userCount, int itemCount)
    {
        var active = reader.ReadInt32s("ease.activeItems");
        var weights = reader.ReadSingles("ease.weights");
        var compactOf = new int[itemCount];
        Array.Fill(compactOf, -1);
        for (var k = 0; k < active.Length; k++)
        {
            if ((uint)active[k] >= (uint)itemCount || (k > 0 && active[k] <= active[k - 1]))
            {
                throw reader.Invalid("ease.activeItems", $"entry {k} ({active[k]}) is out of range for {itemCount} items or not ascending.");
            }

            compactOf[active[k]] = k;
        }

        if (weights.Length != (long)active.Length * active.Length)
        {
            throw reader.Invalid("ease.weights", $"{weights.Length} weights for {active.Length} active items (expected {(long)active.Length * active.Length}).");
        }

        (_activeItems, _compactOf, _weights) = (active, compactOf, weights);
    }

    /// <summary>scores = sum over the history of weight x (B row of the item), on the active items; zero elsewhere.</summary>
    /// <inheritdoc />
    protected override float Entry(int from, int to)
    {
        var m = ActiveItems.Length;
        var (row, column) = (_compactOf[from], _compactOf[to]);
        return row < 0 || column < 0 ? 0f : _weights[(row * m) + column];
    }

    /// <inheritdoc />
    protected override void ScoreWeightedHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores)
    {
        var active = ActiveItems;
        ScoreGuard.CheckLength(scores, _compactOf.Length);
        var m = active.Length;
        var sum = new float[m];
        for (var k = 0; k < items.Length; k++)
        {
            var item = items[k];
            if ((uint)item >= (uint)_compactOf.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(items), item, $"The history holds item {item}; the model knows {_compactOf.Length} items.");
            }

            var row = _compactOf[item];
            if (row >= 0)
            {
                TensorPrimitives.MultiplyAdd(_weights.AsSpan(row * m, m), weights[k], sum, sum);
            }
        }

        scores.Clear();
        for (var c = 0; c < m; c++)
        {
            scores[active[c]] = sum[c];
        }
    }
}
