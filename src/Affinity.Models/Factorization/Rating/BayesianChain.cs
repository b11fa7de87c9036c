using Affinity.Core.Data;

namespace Affinity.Models.Factorization.Rating;

/// <summary>
/// The state of one <see cref="BayesianMf"/> Gibbs chain and its sweep: rows (p, b) for users and
/// items, plus, when asked, SVD++'s implicit factors y_j with the user offsets z_u, and the flipped
/// factors x_v with the item offsets w_i. A user's effective vector is p_u + z_u, an item's q_i + w_i.
/// </summary>
internal sealed class BayesianChain
{
    private readonly CsrMatrix _byUser;
    private readonly CsrMatrix _byItem;
    private readonly BayesianMfOptions _options;
    private readonly double _mean;
    private readonly int _seed;
    private readonly ParallelOptions _parallel;
    private readonly double[] _residuals;
    private readonly double[]? _userImplicit;
    private readonly double[]? _itemImplicit;
    private readonly double[]? _userOffsets;
    private readonly double[]? _itemOffsets;

    public BayesianChain(Dataset train, BayesianMfOptions options, double mean, int seed, ParallelOptions parallel)
    {
        (_byUser, _byItem, _options, _mean, _seed, _parallel) = (train.ByUser, train.ByItem, options, mean, seed, parallel);
        var d = options.Factors;
        Users = Initial(train.UserCount, d + 1, d, 0);
        Items = Initial(train.ItemCount, d + 1, d, 1);
        if (options.UserImplicit)
        {
            _userImplicit = Initial(train.ItemCount, d, d, 2);
            _userOffsets = new double[train.UserCount * d];
            ImplicitGibbs.Offsets(_byUser, _userImplicit, _userOffsets, d);
        }

        if (options.ItemImplicit)
        {
            _itemImplicit = Initial(train.UserCount, d, d, 3);
            _itemOffsets = new double[train.ItemCount * d];
            ImplicitGibbs.Offsets(_byItem, _itemImplicit, _itemOffsets, d);
        }

        UserEffective = Effective(Users, _userOffsets);
        ItemEffective = Effective(Items, _itemOffsets);
        _residuals = new double[train.UserCount];
    }

    /// <summary>Users' (p, b), d + 1 wide.</summary>
    public double[] Users { get; }

    /// <summary>Items' (q, b), d + 1 wide.</summary>
    public double[] Items { get; }

    /// <summary>Users' (p + z, b).</summary>
    public double[] UserEffective { get; private set; }

    /// <summary>Items' (q + w, b).</summary>
    public double[] ItemEffective { get; private set; }

    /// <summary>SVD++'s y_j, d wide, when <see cref="BayesianMfOptions.UserImplicit"/> is on.</summary>
    public double[]? UserImplicit => _userImplicit;

    /// <summary>
    /// One sweep: α (when learned), the user hyperparameters and users, the item hyperparameters
    /// and items, then the implicit factors of each side that has them.
    /// </summary>
    /// <returns>The α and user prior the sweep used (kept with a sample for fold-in).</returns>
    public (double Alpha, RowPrior UserPrior) Sweep(int t)
    {
        var d = _options.Factors;
        var k = d + 1;
        var hyper = new RandomStream(_seed, t, 2);
        var alpha = _options.LearnNoisePrecision ? SampleNoisePrecision(ref hyper) : _options.NoisePrecision;
        var userPrior = NormalWishart.Sample(Users, _byUser.RowCount, k, _options.MeanPriorStrength, ref hyper);
        GibbsRows.SampleSide(_byUser, Users, ItemEffective, _userOffsets, k, userPrior, alpha, _mean, (_seed, t, 0), _parallel);
        UserEffective = Effective(Users, _userOffsets);
        var itemPrior = NormalWishart.Sample(Items, _byItem.RowCount, k, _options.MeanPriorStrength, ref hyper);
        GibbsRows.SampleSide(_byItem, Items, UserEffective, _itemOffsets, k, itemPrior, alpha, _mean, (_seed, t, 1), _parallel);
        ItemEffective = Effective(Items, _itemOffsets);
        if (_userImplicit is not null)
        {
            var prior = NormalWishart.Sample(_userImplicit, _byItem.RowCount, d, _options.MeanPriorStrength, ref hyper);
            var random = new RandomStream(_seed, t, 3);
            ImplicitGibbs.Sample(_byUser, _byItem, Users, ItemEffective, _userImplicit, _userOffsets!, prior, alpha, _mean, ref random, _parallel);
            UserEffective = Effective(Users, _userOffsets);
        }

        if (_itemImplicit is not null)
        {
            var prior = NormalWishart.Sample(_itemImplicit, _byUser.RowCount, d, _options.MeanPriorStrength, ref hyper);
            var random = new RandomStream(_seed, t, 4);
            ImplicitGibbs.Sample(_byItem, _byUser, Items, UserEffective, _itemImplicit, _itemOffsets!, prior, alpha, _mean, ref random, _parallel);
            ItemEffective = Effective(Items, _itemOffsets);
        }

        return (alpha, userPrior);
    }

    /// <summary>(p + z, b) rows; the rows themselves when there is no offset.</summary>
    private double[] Effective(double[] rows, double[]? offsets)
    {
        if (offsets is null)
        {
            return rows;
        }

        var d = _options.Factors;
        var k = d + 1;
        var result = (double[])rows.Clone();
        for (var r = 0; r < rows.Length / k; r++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(rows.AsSpan(r * k, d), offsets.AsSpan(r * d, d), result.AsSpan(r * k, d));
        }

        return result;
    }

    /// <summary>
    /// Draws α from its Gamma posterior with libFM's Gamma(1/2, 1/2) prior: shape (1 + n) / 2,
    /// rate (1 + Σ e²) / 2. The squared errors are summed per user, then in user order, so the sum
    /// does not depend on how the rows were shared among threads.
    /// </summary>
    private double SampleNoisePrecision(ref RandomStream random)
    {
        var d = _options.Factors;
        var k = d + 1;
        var users = UserEffective;
        var items = ItemEffective;
        Parallel.For(0, _byUser.RowCount, _parallel, u =>
        {
            var p = users.AsSpan(u * k, k);
            var columns = _byUser.RowColumns(u);
            var values = _byUser.RowValues(u);
            var sum = 0.0;
            for (var n = 0; n < columns.Length; n++)
            {
                var q = items.AsSpan(columns[n] * k, k);
                var error = values[n] - _mean - p[d] - q[d] - System.Numerics.Tensors.TensorPrimitives.Dot(p[..d], q[..d]);
                sum += error * error;
            }

            _residuals[u] = sum;
        });
        var squared = 0.0;
        foreach (var value in _residuals)
        {
            squared += value;
        }

        return random.NextGamma((1.0 + _byUser.EntryCount) / 2) / ((1.0 + squared) / 2);
    }

    /// <summary>Rows with N(0, InitStdDev²) in the first <paramref name="factors"/> slots and zero after (the bias).</summary>
    private double[] Initial(int rows, int width, int factors, int side)
    {
        var values = new double[rows * width];
        var random = new RandomStream(_seed, -1, side);
        for (var r = 0; r < rows; r++)
        {
            for (var f = 0; f < factors; f++)
            {
                values[(r * width) + f] = _options.InitStdDev * random.NextNormal();
            }
        }

        return values;
    }
}
