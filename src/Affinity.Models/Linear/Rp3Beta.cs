using Affinity.Core.Data;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;

namespace Affinity.Models.Linear;

/// <summary>Options of <see cref="Rp3Beta"/>; the defaults were chosen on validation splits carved from training data (see the project report).</summary>
public sealed record Rp3BetaOptions
{
    /// <summary>The exponent alpha applied to both transition probabilities (Dacrema <c>alpha</c>); greater than 0.</summary>
    public double Alpha { get; init => field = OptionGuard.Positive(value, nameof(Alpha)); } = 1.0;

    /// <summary>The popularity penalty: the weight towards item j is divided by its popularity to the power beta (Dacrema <c>beta</c>); at least 0.</summary>
    public double Beta { get; init => field = OptionGuard.NonNegative(value, nameof(Beta)); } = 0.6;

    /// <summary>How many weights each item keeps, the largest (Dacrema <c>topK</c>); at least 1.</summary>
    public int Neighbors { get; init => field = OptionGuard.Positive(value, nameof(Neighbors)); } = 100;

    /// <summary>Whether each item's kept weights are scaled to sum to 1 (Dacrema <c>normalize_similarity</c>).</summary>
    public bool NormalizeRows { get; init; } = true;

    /// <summary>Whether every interaction counts 1; otherwise a pair weighs the sum of its values, which must then be positive.</summary>
    public bool Binarize { get; init; } = true;
}

/// <summary>
/// RP3beta (Paudel, Christoffel, Newell and Bernstein, "Updatable, Accurate, Diverse, and Scalable
/// Recommendations for Interactive Applications", ACM TiiS 2017): items are ranked by the
/// probability of a three-step random walk user -> item -> user -> item, each step's probability
/// raised to alpha, the arrival item's weight divided by its popularity to the power beta. The
/// item-to-item part is computed once, sparsified to each item's largest weights and scored as
/// x_u W, like an item-based neighbourhood model.
/// </summary>
/// <remarks>
/// Follows Dacrema et al.'s <c>RP3betaRecommender</c> (RecSys 2019, "Are We Really Making Much
/// Progress?", GraphBased/RP3betaRecommender.py) exactly: P_ui = x_ui / sum_j x_uj and
/// P_iu = 1 / popularity(i) (the binarised item rows), both to the power alpha;
/// W_ij = (P_iu P_ui)_ij / popularity(j)^beta with W_ii = 0; each row keeps its
/// <see cref="Rp3BetaOptions.Neighbors"/> largest non-zero weights (ties to the smaller item
/// index) and, when <see cref="Rp3BetaOptions.NormalizeRows"/>, is scaled to sum to 1. W is kept
/// as a sparse item x item matrix (item count + 2 x neighbours x active items numbers). No randomness.
/// </remarks>
public sealed class Rp3Beta : ItemToItemModel, ISimilarItems
{
    private CsrMatrix? _weights;

    /// <summary>Creates an unfitted model.</summary>
    public Rp3Beta(Rp3BetaOptions? options = null) => Options = options ?? new Rp3BetaOptions();

    /// <summary>The options the model was created with.</summary>
    public Rp3BetaOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "rp3beta";

    /// <summary>W, item x item over all training items, sorted by column within each row.</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    public CsrMatrix Weights => _weights ?? throw NotFitted();

    /// <inheritdoc />
    protected override object OptionsRecord => Options;

    /// <inheritdoc />
    protected override bool Binarize => Options.Binarize;

    /// <inheritdoc />
    public IReadOnlyList<ScoredItem> SimilarItems(int item, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var weights = Weights;
        if ((uint)item >= (uint)weights.RowCount || weights.RowLength(item) == 0 || count == 0)
        {
            return [];
        }

        var scores = new float[weights.ColumnCount];
        ScoreWeightedHistory([item], [1f], scores);
        return PositiveTop.Select(scores, item, count);
    }

    /// <inheritdoc />
    protected override void FitCore(Dataset train, FitContext context)
    {
        var data = ItemInteractions.From(train, Options.Binarize);
        var options = new ParallelOptions { MaxDegreeOfParallelism = context.MaxDegreeOfParallelism, CancellationToken = context.CancellationToken };
        var rows = RandomWalkRows.Compute(data, Options, options);
        _weights = RandomWalkRows.Assemble(rows, data.ActiveItems, train.ItemCount);
    }

    /// <inheritdoc />
    protected override void SaveModel(ModelWriter writer)
    {
        var weights = Weights;
        writer.Write("rp3beta.rowPointers", weights.RowPointers);
        writer.Write("rp3beta.columns", weights.Columns);
        writer.Write("rp3beta.values", weights.Values);
    }

    /// <inheritdoc />
    protected override void LoadModel(ModelReader reader, int userCount, int itemCount)
    {
        var columns = reader.ReadInt32s("rp3beta.columns");
        try
        {
            _weights = CsrMatrix.FromParts(itemCount, itemCount, reader.ReadInt32s("rp3beta.rowPointers"), columns, reader.ReadSingles("rp3beta.values"), new int[columns.Length]);
        }
        catch (ArgumentException e)
        {
            throw reader.Invalid("rp3beta.weights", e.Message);
        }
    }

    /// <summary>scores = sum over the history of weight x (W row of the item).</summary>
    /// <inheritdoc />
    protected override float Entry(int from, int to)
    {
        var w = Weights;
        var at = w.RowColumns(from).BinarySearch(to);
        return at < 0 ? 0f : w.RowValues(from)[at];
    }

    /// <inheritdoc />
    protected override void ScoreWeightedHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores)
    {
        var w = Weights;
        ScoreGuard.CheckLength(scores, w.ColumnCount);
        scores.Clear();
        for (var k = 0; k < items.Length; k++)
        {
            var item = items[k];
            if ((uint)item >= (uint)w.RowCount)
            {
                throw new ArgumentOutOfRangeException(nameof(items), item, $"The history holds item {item}; the model knows {w.RowCount} items.");
            }

            var columns = w.RowColumns(item);
            var values = w.RowValues(item);
            var weight = weights[k];
            for (var e = 0; e < columns.Length; e++)
            {
                scores[columns[e]] += weight * values[e];
            }
        }
    }
}
