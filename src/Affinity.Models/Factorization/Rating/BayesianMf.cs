using Affinity.Core.Data;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;
using Affinity.Models.Baselines;

namespace Affinity.Models.Factorization.Rating;

/// <summary>
/// Options of <see cref="BayesianMf"/>. The hyperpriors are Salakhutdinov and Mnih's (β₀ = 2,
/// ν₀ = the row width, W₀ = I, μ₀ = 0). The rest was chosen on a validation cut of ML-100K's
/// u1.base (a per-user random 20% of the training file, never a test file): plain BPMF with the
/// paper's fixed α = 2 scored 0.9203, a learned α 0.9064 (fixed α = 1.5 was as good, 3 much worse),
/// SVD++'s implicit term 0.9040, both implicit terms 0.8917 (and 0.8901 with a chain twice as long);
/// 20 or 30 factors did not help. Setting <see cref="UserImplicit"/> and <see cref="ItemImplicit"/>
/// false gives BPMF as published. The seed is <see cref="FitContext.Seed"/>.
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

    /// <summary>
    /// Whether a user's vector also holds |N(u)|^-1/2 Σ_{j ∈ N(u)} y_j over the items N(u) it rated in
    /// training, as in SVD++ (Koren, KDD 2008), with the y_j sampled too ("Bayesian SVD++").
    /// </summary>
    public bool UserImplicit { get; init; } = true;

    /// <summary>
    /// Whether an item's vector also holds |M(i)|^-1/2 Σ_{v ∈ M(i)} x_v over the users M(i) who rated
    /// it, the "flipped" SVD++ of Rendle, Zhang and Koren (2019), with the x_v sampled too.
    /// </summary>
    public bool ItemImplicit { get; init; } = true;

    /// <summary>β₀, how many pseudo-rows the prior on each side's mean is worth (the paper's 2); greater than 0.</summary>
    public double MeanPriorStrength { get; init => field = OptionGuard.Positive(value, nameof(MeanPriorStrength)); } = 2;

    /// <summary>Standard deviation of the normal initial factors (biases start at 0); at least 0.</summary>
    public double InitStdDev { get; init => field = OptionGuard.NonNegative(value, nameof(InitStdDev)); } = 0.1;
}

/// <summary>
/// Bayesian probabilistic matrix factorisation sampled by Gibbs (Salakhutdinov and Mnih, "Bayesian
/// probabilistic matrix factorization using Markov chain Monte Carlo", ICML 2008), on ratings
/// centred by their mean, with a user and an item bias and, by default, implicit feedback on both
/// sides: r ~ N(μ + b_u + b_i + (p_u + z_u)ᵀ (q_i + w_i), 1/α), where z_u = |N(u)|^-1/2 Σ_{j ∈ N(u)} y_j
/// sums over the items u rated (SVD++, Koren 2008) and w_i = |M(i)|^-1/2 Σ_{v ∈ M(i)} x_v over the
/// users who rated i (the "flipped" model of Rendle, Zhang and Koren, "On the difficulty of evaluating
/// baselines", 2019, whose Bayesian SVD++ flipped is this model without the interactions within a
/// feature group). The prediction averages μ + b_u + b_i + (p_u + z_u)ᵀ (q_i + w_i) over the kept
/// samples, then clips it.
/// </summary>
/// <remarks>
/// Each row is w = (p, b) of width D + 1 with a Gaussian prior N(μ_side, Λ_side⁻¹) under the paper's
/// Normal–Wishart hyperprior (see <c>NormalWishart</c>); the bias rides in the last slot, paired
/// with a constant 1 in the other side's features (see <c>GibbsRows</c>), so it gets the same
/// hierarchical prior as the factors. A sweep draws α (from its Gamma posterior, as libFM's MCMC
/// does, unless it is fixed), the user hyperparameters, every user, the item hyperparameters, every
/// item, then the y_j and the x_v with their own Normal–Wishart hyperparameters (see
/// <c>ImplicitGibbs</c>; those are drawn one after the other, the rest in parallel). Rows start at N(0, InitStdDev²) factors and zero biases
/// (the paper starts from a MAP solution; burn-in replaces that). Rows are drawn in parallel
/// (FitContext.MaxDegreeOfParallelism) from per-row seeded streams, so the result depends on the
/// seed only. The sample average of the factor term is stored exactly as one dot product: the user
/// vector is the concatenation of the kept (p_u + z_u) / S and the item vector that of the kept
/// q_i + w_i; the biases are averaged. Fold-in gives a new user, for every kept sample, z from the
/// history's y_j and the mean of its Gibbs conditional given that sample's items, α and user
/// hyperparameters (the draw without the noise), and averages; the items' w_i stay as trained.
/// </remarks>
public sealed class BayesianMf : RatingFactorModel
{
    private float[] _sampleItemBiases = [];
    private double[] _sampleUserMeans = [];
    private double[] _sampleUserPrecisions = [];
    private double[] _sampleNoisePrecisions = [];
    private FactorMatrix? _sampleImplicitFactors;

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
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = context.MaxDegreeOfParallelism, CancellationToken = context.CancellationToken };
        var chain = new BayesianChain(train, Options, scale.Mean, context.Seed, parallel);
        var samples = new BayesianSamples(train.UserCount, train.ItemCount, Options.Factors, Options.Samples, Options.UserImplicit);
        var sweeps = Options.BurnIn + (Options.Samples * Options.Thinning);
        for (var t = 0; t < sweeps; t++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var (alpha, userPrior) = chain.Sweep(t);
            if (t >= Options.BurnIn && (t - Options.BurnIn + 1) % Options.Thinning == 0)
            {
                samples.Keep(chain, userPrior, alpha);
            }

            context.Progress?.Report(new FitProgress("sweep", t + 1, sweeps));
        }

        samples.ForgetItems(train.ItemCounts());
        SetParameters(train, scale, samples.MeanUserBiases(), samples.MeanItemBiases(), samples.Users, samples.Items);
        (_sampleItemBiases, _sampleUserMeans, _sampleUserPrecisions, _sampleNoisePrecisions, _sampleImplicitFactors)
            = (samples.ItemBiasBySample, samples.UserPriorMeans, samples.UserPriorPrecisions, samples.NoisePrecisions, samples.ImplicitFactors);
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
        var z = new double[d];
        var weight = 1 / Math.Sqrt(items.Length);
        var bias = 0.0;
        for (var s = 0; s < sampleCount; s++)
        {
            // z = |H|^-1/2 Σ_{j ∈ H} y_j of this sample (zero without the implicit term).
            Array.Clear(z);
            if (_sampleImplicitFactors is { } implicitFactors)
            {
                foreach (var j in items)
                {
                    var y = implicitFactors.Row(j).Slice(s * d, d);
                    for (var f = 0; f < d; f++)
                    {
                        z[f] += weight * y[f];
                    }
                }
            }

            var prior = new RowPrior(_sampleUserMeans.AsSpan(s * k, k).ToArray(), _sampleUserPrecisions.AsSpan(s * k * k, k * k).ToArray());
            prior.Precision.CopyTo(precision, 0);
            var rhs = prior.PrecisionTimesMean();
            for (var n = 0; n < items.Length; n++)
            {
                var q = itemFactors.Row(items[n]).Slice(s * d, d);
                var target = values[n] - Mean - _sampleItemBiases[(s * itemCount) + items[n]];
                for (var f = 0; f < d; f++)
                {
                    x[f] = q[f];
                    target -= z[f] * q[f];
                }

                x[d] = 1;
                GibbsRows.Accumulate(precision, rhs, x, target, _sampleNoisePrecisions[s], k);
            }

            GibbsRows.Mean(precision, rhs, k);
            for (var f = 0; f < d; f++)
            {
                vector[(s * d) + f] = (float)((rhs[f] + z[f]) / sampleCount);
            }

            bias += rhs[d] / sampleCount;
        }

        return bias;
    }

    /// <summary>
    /// The fold-in's score is an average over samples of the conditional mean m_s = Λ*⁻¹ (Λμ + α Σ_n x_n t_n)
    /// dotted with (q_i, 1) / S, so with g_s = Λ*⁻¹ (q_i, 1) / S rating n's share is α a_n t_n (a_n = g_sᵀ x_n),
    /// its implicit-feedback term |N|^-1/2 y_nᵀ (q_i / S − α Σ_m a_m q_m), and g_sᵀ Λμ (the prior) is the
    /// constant; each summed over the samples.
    /// </summary>
    private protected override double ExplainHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, int item, Span<double> contributions)
    {
        var d = Options.Factors;
        var k = d + 1;
        var sampleCount = Options.Samples;
        var itemFactors = ItemFactorMatrix;
        var itemCount = itemFactors.Rows;
        var precision = new double[k * k];
        var ignored = new double[k];
        var g = new double[k];
        var x = new double[k];
        var v = new double[d];
        var hat = new double[items.Length];
        var weight = 1 / Math.Sqrt(items.Length);
        var constant = 0.0;
        contributions.Clear();
        for (var s = 0; s < sampleCount; s++)
        {
            var alpha = _sampleNoisePrecisions[s];
            var prior = new RowPrior(_sampleUserMeans.AsSpan(s * k, k).ToArray(), _sampleUserPrecisions.AsSpan(s * k * k, k * k).ToArray());
            prior.Precision.CopyTo(precision, 0);
            for (var n = 0; n < items.Length; n++)
            {
                Features(itemFactors.Row(items[n]).Slice(s * d, d), x);
                GibbsRows.Accumulate(precision, ignored, x, 0, alpha, k);
            }

            var qi = itemFactors.Row(item).Slice(s * d, d);
            Features(qi, g);
            System.Numerics.Tensors.TensorPrimitives.Multiply(g, 1.0 / sampleCount, g);
            GibbsRows.Mean(precision, g, k);
            constant += System.Numerics.Tensors.TensorPrimitives.Dot(g, prior.PrecisionTimesMean());
            for (var f = 0; f < d; f++)
            {
                v[f] = qi[f] / sampleCount;
            }

            for (var n = 0; n < items.Length; n++)
            {
                var qn = itemFactors.Row(items[n]).Slice(s * d, d);
                Features(qn, x);
                hat[n] = alpha * System.Numerics.Tensors.TensorPrimitives.Dot(g, x);
                contributions[n] += hat[n] * (values[n] - Mean - _sampleItemBiases[(s * itemCount) + items[n]]);
                for (var f = 0; f < d; f++)
                {
                    v[f] -= hat[n] * qn[f];
                }
            }

            if (_sampleImplicitFactors is { } implicitFactors)
            {
                for (var n = 0; n < items.Length; n++)
                {
                    var y = implicitFactors.Row(items[n]).Slice(s * d, d);
                    var dot = 0.0;
                    for (var f = 0; f < d; f++)
                    {
                        dot += y[f] * v[f];
                    }

                    contributions[n] += weight * dot;
                }
            }
        }

        return constant;
    }

    /// <summary>x = (q, 1): the bias rides in the last slot.</summary>
    private static void Features(ReadOnlySpan<float> q, Span<double> x)
    {
        for (var f = 0; f < q.Length; f++)
        {
            x[f] = q[f];
        }

        x[q.Length] = 1;
    }

    /// <inheritdoc />
    private protected override void SaveExtra(ModelWriter writer)
    {
        writer.Write("sampleItemBiases", _sampleItemBiases);
        writer.Write("sampleUserPriorMeans", _sampleUserMeans);
        writer.Write("sampleUserPriorPrecisions", _sampleUserPrecisions);
        writer.Write("sampleNoisePrecisions", _sampleNoisePrecisions);
        _sampleImplicitFactors?.Save(writer, "sampleImplicitFactors");
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

        var implicitFactors = Options.UserImplicit ? FactorMatrix.Load(reader, "sampleImplicitFactors", itemCount) : null;
        if (implicitFactors is not null && implicitFactors.Factors != VectorLength)
        {
            throw reader.Invalid("sampleImplicitFactors", $"{implicitFactors.Factors} values per item against {VectorLength} item factors.");
        }

        (_sampleItemBiases, _sampleUserMeans, _sampleUserPrecisions, _sampleNoisePrecisions, _sampleImplicitFactors) = (itemBiases, means, precisions, alphas, implicitFactors);
    }
}
