using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Models.Baselines;

namespace Affinity.Models.Factorization.Rating;

/// <summary>
/// Options of <see cref="BiasedMf"/>. Surprise's <c>SVD</c> defaults (100 factors, 20 epochs,
/// learning rate 0.005, every regularisation 0.02, initial standard deviation 0.1) underfit and
/// overfit at once on ML-100K; a grid on a validation cut of u1.base (a per-user random 20% of the
/// training file, never a test file) moved three of them: 50 epochs at learning rate 0.01 and
/// factor regularisation 0.1, bias regularisation 0.05 (validation RMSE 0.9216 against 0.9444).
/// <see cref="SurpriseDefaults"/> restores Surprise's settings. The seed is <see cref="FitContext.Seed"/>.
/// </summary>
public sealed record BiasedMfOptions
{
    /// <summary>Surprise's <c>SVD</c> defaults exactly.</summary>
    public static BiasedMfOptions SurpriseDefaults { get; } = new() { Epochs = 20, LearningRate = 0.005, BiasRegularization = 0.02, FactorRegularization = 0.02 };

    /// <summary>Latent factors per user and item (Surprise <c>n_factors</c>); at least 1.</summary>
    public int Factors { get; init => field = OptionGuard.Positive(value, nameof(Factors)); } = 100;

    /// <summary>Passes over the shuffled ratings (Surprise <c>n_epochs</c>); at least 1.</summary>
    public int Epochs { get; init => field = OptionGuard.Positive(value, nameof(Epochs)); } = 50;

    /// <summary>SGD step size of the first epoch (Surprise <c>lr_all</c>); greater than 0.</summary>
    public double LearningRate { get; init => field = OptionGuard.Positive(value, nameof(LearningRate)); } = 0.01;

    /// <summary>Factor by which the step size shrinks after every epoch (MyMediaLite <c>decay</c>); greater than 0, 1 keeps it constant.</summary>
    public double LearningRateDecay { get; init => field = OptionGuard.Positive(value, nameof(LearningRateDecay)); } = 1;

    /// <summary>Weight decay of b_u and b_i (Surprise <c>reg_bu</c>, <c>reg_bi</c>); at least 0.</summary>
    public double BiasRegularization { get; init => field = OptionGuard.NonNegative(value, nameof(BiasRegularization)); } = 0.05;

    /// <summary>Weight decay of p_u and q_i (Surprise <c>reg_pu</c>, <c>reg_qi</c>); at least 0.</summary>
    public double FactorRegularization { get; init => field = OptionGuard.NonNegative(value, nameof(FactorRegularization)); } = 0.1;

    /// <summary>Standard deviation of the normal initial factors (Surprise <c>init_std_dev</c>); at least 0.</summary>
    public double InitStdDev { get; init => field = OptionGuard.NonNegative(value, nameof(InitStdDev)); } = 0.1;
}

/// <summary>
/// Biased matrix factorisation, r̂_ui = μ + b_u + b_i + p_uᵀ q_i, fitted by stochastic gradient
/// descent on the regularised squared error (Funk 2006; Koren, Bell and Volinsky, "Matrix
/// factorization techniques for recommender systems", IEEE Computer 2009, equation 5).
/// </summary>
/// <remarks>
/// The update is Surprise's <c>SVD</c> (surprise/prediction_algorithms/matrix_factorization.pyx):
/// e = r − r̂; b_u += γ (e − λ_b b_u); b_i += γ (e − λ_b b_i); p_u += γ (e q_i − λ_f p_u);
/// q_i += γ (e p_u − λ_f q_i), all from the values before the step. Biases start at 0; factors are
/// drawn by <see cref="FactorMatrix.Normal"/> from <c>new Random(seed)</c>, users first, then items.
/// Unlike Surprise, which visits ratings in input order, every epoch visits them in a fresh
/// permutation from the same generator (as MyMediaLite does), and γ is multiplied by
/// <see cref="BiasedMfOptions.LearningRateDecay"/> after each epoch. Arithmetic is in float with
/// <see cref="System.Numerics.Tensors.TensorPrimitives"/> for the factor updates. Training is one
/// thread, so the result depends only on the seed. Fold-in solves the new user's b_u and p_u
/// exactly against the fixed items (see <c>RidgeFoldIn</c>).
/// </remarks>
public sealed class BiasedMf : RatingFactorModel
{
    /// <summary>Creates an unfitted model.</summary>
    public BiasedMf(BiasedMfOptions? options = null) => Options = options ?? new BiasedMfOptions();

    /// <summary>The options the model was created with.</summary>
    public BiasedMfOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "biased-mf";

    /// <inheritdoc />
    protected override object OptionsRecord => Options;

    /// <inheritdoc />
    protected override void FitCore(Dataset train, FitContext context)
    {
        var scale = RatingScale.Of(train, Name);
        var k = Options.Factors;
        var random = new Random(context.Seed);
        var userFactors = FactorMatrix.Normal(train.UserCount, k, Options.InitStdDev, random);
        var itemFactors = FactorMatrix.Normal(train.ItemCount, k, Options.InitStdDev, random);
        var userBiases = new float[train.UserCount];
        var itemBiases = new float[train.ItemCount];
        var order = new int[train.Count];
        for (var n = 0; n < order.Length; n++)
        {
            order[n] = n;
        }

        var users = train.UserIndexes;
        var items = train.ItemIndexes;
        var values = train.Values;
        var mean = (float)scale.Mean;
        var biasReg = (float)Options.BiasRegularization;
        var factorReg = (float)Options.FactorRegularization;
        var previous = new float[k];
        var rate = Options.LearningRate;
        for (var epoch = 0; epoch < Options.Epochs; epoch++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            var lr = (float)rate;
            foreach (var n in order)
            {
                var u = users[n];
                var i = items[n];
                var p = userFactors.Row(u);
                var q = itemFactors.Row(i);
                var error = values[n] - (mean + userBiases[u] + itemBiases[i] + System.Numerics.Tensors.TensorPrimitives.Dot(p, q));
                userBiases[u] += lr * (error - (biasReg * userBiases[u]));
                itemBiases[i] += lr * (error - (biasReg * itemBiases[i]));
                Step(p, q, previous, lr * error, 1 - (lr * factorReg));
            }

            rate *= Options.LearningRateDecay;
            context.Progress?.Report(new FitProgress("epoch", epoch + 1, Options.Epochs));
        }

        SetParameters(train, scale, userBiases, itemBiases, userFactors, itemFactors);
    }

    /// <summary>p += γ (e q − λ p) and q += γ (e p_old − λ q), written as p = (1 − γλ) p + γe q.</summary>
    internal static void Step(Span<float> p, Span<float> q, Span<float> previous, float rateTimesError, float shrink)
    {
        p.CopyTo(previous);
        System.Numerics.Tensors.TensorPrimitives.Multiply(p, shrink, p);
        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(q, rateTimesError, p, p);
        System.Numerics.Tensors.TensorPrimitives.Multiply(q, shrink, q);
        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(previous, rateTimesError, q, q);
    }

    /// <summary>Rating n's share of the ridge fold-in: a_n (r_n − μ − b_n), with a_n its hat weight (see <c>RidgeFoldIn</c>).</summary>
    private protected override double ExplainHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, int item, Span<double> contributions)
    {
        RidgeFoldIn.HatWeights(items, ItemFactorMatrix, Options.BiasRegularization, Options.FactorRegularization, item, contributions);
        for (var n = 0; n < items.Length; n++)
        {
            contributions[n] *= values[n] - Mean - ItemBiases[items[n]];
        }

        return 0;
    }

    /// <inheritdoc />
    private protected override double SolveHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> vector)
        => RidgeFoldIn.Solve(items, values, Mean, ItemBiases, ItemFactorMatrix, [], Options.BiasRegularization, Options.FactorRegularization, vector);
}
