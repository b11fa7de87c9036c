using Affinity.Core.Data;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;
using Affinity.Models.Baselines;

namespace Affinity.Models.Factorization.Rating;

/// <summary>
/// Options of <see cref="BayesianMf"/>. The priors are those of Salakhutdinov and Mnih (α = 2,
/// β₀ = 2, ν₀ = the row width, W₀ = I, μ₀ = 0); the sizes and run length were chosen on a
/// validation cut of ML-100K's u1.base (never a test file). The seed is <see cref="FitContext.Seed"/>.
/// </summary>
public sealed record BayesianMfOptions
{
    /// <summary>Latent factors D per user and item (each row also carries a bias); at least 1.</summary>
    public int Factors { get; init => field = OptionGuard.Positive(value, nameof(Factors)); } = 10;

    /// <summary>Gibbs sweeps run and discarded before the first kept sample; at least 0.</summary>
    public int BurnIn
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(BurnIn));
            field = value;
        }
    } = 50;

    /// <summary>Samples whose predictions are averaged; at least 1. The model stores Samples × Factors values per row.</summary>
    public int Samples { get; init => field = OptionGuard.Positive(value, nameof(Samples)); } = 100;

    /// <summary>Gibbs sweeps per kept sample after burn-in (1 keeps every sweep); at least 1.</summary>
    public int Thinning { get; init => field = OptionGuard.Positive(value, nameof(Thinning)); } = 1;

    /// <summary>The precision α of the rating noise, r ~ N(r̂, 1/α) (the paper's 2), when it is not learned; greater than 0.</summary>
    public double NoisePrecision { get; init => field = OptionGuard.Positive(value, nameof(NoisePrecision)); } = 2;

    /// <summary>
    /// Whether α is drawn every sweep from its Gamma posterior instead of fixed at
    /// <see cref="NoisePrecision"/> (libFM's MCMC: α ~ Gamma((1 + n) / 2, (1 + Σ e²) / 2)).
    /// </summary>
    public bool LearnNoisePrecision { get; init; } = true;

    /// <summary>β₀, how many pseudo-rows the prior on each side's mean is worth (the paper's 2); greater than 0.</summary>
    public double MeanPriorStrength { get; init => field = OptionGuard.Positive(value, nameof(MeanPriorStrength)); } = 2;

    /// <summary>Standard deviation of the normal initial factors (biases start at 0); at least 0.</summary>
    public double InitStdDev { get; init => field = OptionGuard.NonNegative(value, nameof(InitStdDev)); } = 0.1;
}

/// <summary>
/// Bayesian probabilistic matrix factorisation sampled by Gibbs (Salakhutdinov and Mnih, "Bayesian
/// probabilistic matrix factorization using Markov chain Monte Carlo", ICML 2008), on ratings
/// centred by their mean and with a user and an item bias: r ~ N(μ + b_u + b_i + p_uᵀ q_i, 1/α).
/// The prediction averages μ + b_u + b_i + p_uᵀ q_i over the kept samples, then clips it.
/// </summary>
/// <remarks>
/// Each row is w = (p, b) of width D + 1 with a Gaussian prior N(μ_side, Λ_side⁻¹) under the paper's
/// Normal–Wishart hyperprior (see <c>NormalWishart</c>); the bias rides in the last slot, paired
/// with a constant 1 in the other side's features (see <c>GibbsRows</c>), so it gets the same
/// hierarchical prior as the factors. A sweep draws the user hyperparameters, every user, the item
/// hyperparameters, then every item. Rows start at N(0, InitStdDev²) factors and zero biases
/// (the paper starts from a MAP solution; burn-in replaces that). Rows are drawn in parallel
/// (FitContext.MaxDegreeOfParallelism) from per-row seeded streams, so the result depends on the
/// seed only. The sample average of p_uᵀ q_i is stored exactly as one dot product: the user vector
/// is the concatenation of the kept p_u / S and the item vector that of the kept q_i; the biases
/// are averaged. Fold-in gives a new user, for every kept sample, the mean of its Gibbs conditional
/// given that sample's items and user hyperparameters (the draw without the noise), and averages.
/// </remarks>
public sealed class BayesianMf : RatingFactorModel
{
    private float[] _sampleItemBiases = [];
    private double[] _sampleUserMeans = [];
    private double[] _sampleUserPrecisions = [];
    private double[] _sampleNoisePrecisions = [];

    /// <summary>Creates an unfitted model.</summary>
    public BayesianMf(BayesianMfOptions? options = null) => Options = options ?? new BayesianMfOptions();

    /// <summary>The options the model was created with.</summary>
    public BayesianMfOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "bpmf";

    /// <inheritdoc />
    protected override object OptionsRecord => Options;

    /// <inheritdoc />
    protected override void FitCore(Dataset train, FitContext context)
    {
        var scale = RatingScale.Of(train, Name);
        var d = Options.Factors;
        var k = d + 1;
        var users = Initial(train.UserCount, k, context.Seed, 0);
        var items = Initial(train.ItemCount, k, context.Seed, 1);
        var byUser = train.ByUser;
        var byItem = train.ByItem;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = context.MaxDegreeOfParallelism, CancellationToken = context.CancellationToken };
        var samples = new SampleSums(train.UserCount, train.ItemCount, d, Options.Samples);
        var residuals = new double[train.UserCount];
        var sweeps = Options.BurnIn + (Options.Samples * Options.Thinning);
        for (var t = 0; t < sweeps; t++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var hyper = new RandomStream(context.Seed, t, 2);
            var alpha = Options.LearnNoisePrecision ? SampleNoisePrecision(byUser, users, items, k, scale.Mean, residuals, parallel, ref hyper) : Options.NoisePrecision;
            var userPrior = NormalWishart.Sample(users, train.UserCount, k, Options.MeanPriorStrength, ref hyper);
            GibbsRows.SampleSide(byUser, users, items, k, userPrior, alpha, scale.Mean, (context.Seed, t, 0), parallel);
            var itemPrior = NormalWishart.Sample(items, train.ItemCount, k, Options.MeanPriorStrength, ref hyper);
            GibbsRows.SampleSide(byItem, items, users, k, itemPrior, alpha, scale.Mean, (context.Seed, t, 1), parallel);
            if (t >= Options.BurnIn && (t - Options.BurnIn + 1) % Options.Thinning == 0)
            {
                samples.Keep(users, items, userPrior, alpha);
            }

            context.Progress?.Report(new FitProgress("sweep", t + 1, sweeps));
        }

        var itemCounts = train.ItemCounts();
        for (var i = 0; i < itemCounts.Length; i++)
        {
            if (itemCounts[i] == 0)
            {
                for (var s = 0; s < Options.Samples; s++)
                {
                    samples.ItemBiasBySample[(s * train.ItemCount) + i] = 0;
                }
            }
        }

        SetParameters(train, scale, samples.MeanUserBiases(), samples.MeanItemBiases(), samples.Users, samples.Items);
        (_sampleItemBiases, _sampleUserMeans, _sampleUserPrecisions, _sampleNoisePrecisions) = (samples.ItemBiasBySample, samples.UserPriorMeans, samples.UserPriorPrecisions, samples.NoisePrecisions);
    }

    /// <inheritdoc />
    private protected override double SolveHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> vector)
    {
        var d = Options.Factors;
        var k = d + 1;
        var sampleCount = Options.Samples;
        var itemFactors = ItemFactorMatrix;
        var itemCount = itemFactors.Rows;
        var precision = new double[k * k];
        var x = new double[k];
        var bias = 0.0;
        for (var s = 0; s < sampleCount; s++)
        {
            var prior = new RowPrior(_sampleUserMeans.AsSpan(s * k, k).ToArray(), _sampleUserPrecisions.AsSpan(s * k * k, k * k).ToArray());
            prior.Precision.CopyTo(precision, 0);
            var rhs = prior.PrecisionTimesMean();
            for (var n = 0; n < items.Length; n++)
            {
                var q = itemFactors.Row(items[n]).Slice(s * d, d);
                for (var f = 0; f < d; f++)
                {
                    x[f] = q[f];
                }

                x[d] = 1;
                var target = values[n] - Mean - _sampleItemBiases[(s * itemCount) + items[n]];
                GibbsRows.Accumulate(precision, rhs, x, target, _sampleNoisePrecisions[s], k);
            }

            GibbsRows.Mean(precision, rhs, k);
            for (var f = 0; f < d; f++)
            {
                vector[(s * d) + f] = (float)(rhs[f] / sampleCount);
            }

            bias += rhs[d] / sampleCount;
        }

        return bias;
    }

    /// <inheritdoc />
    private protected override void SaveExtra(ModelWriter writer)
    {
        writer.Write("sampleItemBiases", _sampleItemBiases);
        writer.Write("sampleUserPriorMeans", _sampleUserMeans);
        writer.Write("sampleUserPriorPrecisions", _sampleUserPrecisions);
        writer.Write("sampleNoisePrecisions", _sampleNoisePrecisions);
    }

    /// <inheritdoc />
    private protected override void LoadExtra(ModelReader reader, int userCount, int itemCount)
    {
        var s = Options.Samples;
        var k = Options.Factors + 1;
        var itemBiases = reader.ReadSingles("sampleItemBiases");
        var means = reader.ReadDoubles("sampleUserPriorMeans");
        var precisions = reader.ReadDoubles("sampleUserPriorPrecisions");
        var alphas = reader.ReadDoubles("sampleNoisePrecisions");
        if (VectorLength != s * Options.Factors || itemBiases.Length != (long)s * itemCount || means.Length != s * k || precisions.Length != s * k * k || alphas.Length != s)
        {
            throw reader.Invalid("sampleItemBiases", $"the sample sections do not fit {s} samples of {Options.Factors} factors over {itemCount} items.");
        }

        (_sampleItemBiases, _sampleUserMeans, _sampleUserPrecisions, _sampleNoisePrecisions) = (itemBiases, means, precisions, alphas);
    }

    /// <summary>
    /// Draws α from its Gamma posterior given the current rows, with libFM's Gamma(1/2, 1/2) prior:
    /// shape (1 + n) / 2, rate (1 + Σ e²) / 2. The squared errors are summed per user, then in user
    /// order, so the sum does not depend on how the rows were shared among threads.
    /// </summary>
    private static double SampleNoisePrecision(CsrMatrix byUser, double[] users, double[] items, int k, double mean, double[] perUser, ParallelOptions parallel, ref RandomStream random)
    {
        Parallel.For(0, byUser.RowCount, parallel, u =>
        {
            var p = users.AsSpan(u * k, k);
            var columns = byUser.RowColumns(u);
            var values = byUser.RowValues(u);
            var sum = 0.0;
            for (var n = 0; n < columns.Length; n++)
            {
                var q = items.AsSpan(columns[n] * k, k);
                var error = values[n] - mean - p[k - 1] - q[k - 1] - System.Numerics.Tensors.TensorPrimitives.Dot(p[..^1], q[..^1]);
                sum += error * error;
            }

            perUser[u] = sum;
        });
        var squared = 0.0;
        foreach (var value in perUser)
        {
            squared += value;
        }

        return random.NextGamma((1.0 + byUser.EntryCount) / 2) / ((1.0 + squared) / 2);
    }

    private double[] Initial(int rows, int k, int seed, int side)
    {
        var values = new double[rows * k];
        var random = new RandomStream(seed, -1, side);
        for (var r = 0; r < rows; r++)
        {
            for (var f = 0; f < k - 1; f++)
            {
                values[(r * k) + f] = Options.InitStdDev * random.NextNormal();
            }
        }

        return values;
    }

    /// <summary>The running sums of the kept samples, laid out as the model stores them.</summary>
    private sealed class SampleSums(int userCount, int itemCount, int factors, int sampleCount)
    {
        private readonly double[] _userBiases = new double[userCount];
        private readonly double[] _itemBiases = new double[itemCount];
        private int _kept;

        public FactorMatrix Users { get; } = new(userCount, factors * sampleCount);

        public FactorMatrix Items { get; } = new(itemCount, factors * sampleCount);

        public float[] ItemBiasBySample { get; } = new float[sampleCount * itemCount];

        public double[] UserPriorMeans { get; } = new double[sampleCount * (factors + 1)];

        public double[] UserPriorPrecisions { get; } = new double[sampleCount * (factors + 1) * (factors + 1)];

        public double[] NoisePrecisions { get; } = new double[sampleCount];

        public void Keep(double[] users, double[] items, RowPrior userPrior, double alpha)
        {
            var k = factors + 1;
            var s = _kept++;
            NoisePrecisions[s] = alpha;
            for (var u = 0; u < userCount; u++)
            {
                var target = Users.Row(u).Slice(s * factors, factors);
                for (var f = 0; f < factors; f++)
                {
                    target[f] = (float)(users[(u * k) + f] / sampleCount);
                }

                _userBiases[u] += users[(u * k) + factors];
            }

            for (var i = 0; i < itemCount; i++)
            {
                var target = Items.Row(i).Slice(s * factors, factors);
                for (var f = 0; f < factors; f++)
                {
                    target[f] = (float)items[(i * k) + f];
                }

                _itemBiases[i] += items[(i * k) + factors];
                ItemBiasBySample[(s * itemCount) + i] = (float)items[(i * k) + factors];
            }

            userPrior.Mean.CopyTo(UserPriorMeans, s * k);
            userPrior.Precision.CopyTo(UserPriorPrecisions, s * k * k);
        }

        public float[] MeanUserBiases() => Array.ConvertAll(_userBiases, b => (float)(b / sampleCount));

        public float[] MeanItemBiases() => Array.ConvertAll(_itemBiases, b => (float)(b / sampleCount));
    }
}
