using System.Numerics.Tensors;
using Affinity.Core.Data;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;
using Affinity.Models.Baselines;

namespace Affinity.Models.Factorization.Rating;

/// <summary>
/// Options of <see cref="SvdPlusPlus"/>. Surprise's <c>SVDpp</c> defaults (20 factors, 20 epochs,
/// learning rate 0.007, every regularisation 0.02, initial standard deviation 0.1) were the start;
/// a grid on a validation cut of ML-100K's u1.base (a per-user random 20% of the training file,
/// never a test file) moved four: 50 factors, 50 epochs, factor regularisation 0.1 and bias
/// regularisation 0.05 (validation RMSE 0.9155 against 0.9310; 100 factors or 100 epochs with
/// regularisation 0.15 were within 0.001 and slower). <see cref="SurpriseDefaults"/> restores
/// Surprise's settings. The seed is <see cref="FitContext.Seed"/>.
/// </summary>
public sealed record SvdPlusPlusOptions
{
    /// <summary>Surprise's <c>SVDpp</c> defaults exactly.</summary>
    public static SvdPlusPlusOptions SurpriseDefaults { get; } = new() { Factors = 20, Epochs = 20, BiasRegularization = 0.02, FactorRegularization = 0.02 };

    /// <summary>Latent factors (Surprise <c>n_factors</c>); at least 1.</summary>
    public int Factors { get; init => field = OptionGuard.Positive(value, nameof(Factors)); } = 50;

    /// <summary>Passes over the users (Surprise <c>n_epochs</c>); at least 1.</summary>
    public int Epochs { get; init => field = OptionGuard.Positive(value, nameof(Epochs)); } = 50;

    /// <summary>SGD step size of the first epoch (Surprise <c>lr_all</c>); greater than 0.</summary>
    public double LearningRate { get; init => field = OptionGuard.Positive(value, nameof(LearningRate)); } = 0.007;

    /// <summary>Factor by which the step size shrinks after every epoch (MyMediaLite <c>decay</c>); greater than 0, 1 keeps it constant.</summary>
    public double LearningRateDecay { get; init => field = OptionGuard.Positive(value, nameof(LearningRateDecay)); } = 1;

    /// <summary>Weight decay of b_u and b_i (Surprise <c>reg_bu</c>, <c>reg_bi</c>); at least 0.</summary>
    public double BiasRegularization { get; init => field = OptionGuard.NonNegative(value, nameof(BiasRegularization)); } = 0.05;

    /// <summary>Weight decay of p_u and q_i (Surprise <c>reg_pu</c>, <c>reg_qi</c>); at least 0.</summary>
    public double FactorRegularization { get; init => field = OptionGuard.NonNegative(value, nameof(FactorRegularization)); } = 0.1;

    /// <summary>Weight decay of the implicit factors y_j (Surprise <c>reg_yj</c>); at least 0.</summary>
    public double ImplicitRegularization { get; init => field = OptionGuard.NonNegative(value, nameof(ImplicitRegularization)); } = 0.02;

    /// <summary>Standard deviation of the normal initial p, q and y (Surprise <c>init_std_dev</c>); at least 0.</summary>
    public double InitStdDev { get; init => field = OptionGuard.NonNegative(value, nameof(InitStdDev)); } = 0.1;
}

/// <summary>
/// SVD++: biased matrix factorisation whose user vector also holds what the user rated,
/// r̂_ui = μ + b_u + b_i + q_iᵀ (p_u + |N(u)|^-1/2 Σ_{j ∈ N(u)} y_j)
/// (Koren, "Factorization meets the neighborhood", KDD 2008, equation 15), fitted by SGD.
/// </summary>
/// <remarks>
/// The per-rating updates of b_u, b_i, p_u and q_i are Surprise's <c>SVDpp</c>
/// (surprise/prediction_algorithms/matrix_factorization.pyx), with z = |N(u)|^-1/2 Σ y_j:
/// e = r − r̂; b_u += γ (e − λ_b b_u); b_i += γ (e − λ_b b_i); p_u += γ (e q_i − λ_f p_u);
/// q_i += γ (e (p_u + z) − λ_f q_i). Surprise and MyMediaLite also move every y_j of N(u) after
/// each rating, which costs O(|N(u)| k) per rating; this class instead batches them per user:
/// it visits users in a seeded random order, computes z once, runs the user's ratings (in a seeded
/// random order) with z fixed while summing g = Σ e q_i, then moves each y_j once by
/// y_j ← (1 − γλ_y)^n y_j + γ n^-1/2 g, the sum of the n per-rating gradients with their
/// compounded decay (n = |N(u)|). An epoch then costs O(ratings × k) like plain biased MF.
/// N(u) is the set of items u rated in training. Factors are drawn by <see cref="FactorMatrix.Normal"/>
/// from <c>new Random(seed)</c>: p, then q, then y; biases start at 0. One thread, so the result
/// depends only on the seed. After fitting the stored user vector is p_u + z_u; y is kept for
/// fold-in, which takes z from the history's items and solves b_u and p_u exactly against the fixed
/// items (see <c>RidgeFoldIn</c>).
/// </remarks>
public sealed class SvdPlusPlus : RatingFactorModel
{
    private FactorMatrix? _implicitFactors;

    /// <summary>Creates an unfitted model.</summary>
    public SvdPlusPlus(SvdPlusPlusOptions? options = null) => Options = options ?? new SvdPlusPlusOptions();

    /// <summary>The options the model was created with.</summary>
    public SvdPlusPlusOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "svd++";

    /// <summary>The implicit factor y_j of an item.</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    public ReadOnlySpan<float> ImplicitVector(int item) => (_implicitFactors ?? throw NotFitted()).Row(item);

    /// <inheritdoc />
    protected override object OptionsRecord => Options;

    /// <inheritdoc />
    protected override void FitCore(Dataset train, FitContext context)
    {
        var scale = RatingScale.Of(train, Name);
        var k = Options.Factors;
        var random = new Random(context.Seed);
        var p = FactorMatrix.Normal(train.UserCount, k, Options.InitStdDev, random);
        var q = FactorMatrix.Normal(train.ItemCount, k, Options.InitStdDev, random);
        var y = FactorMatrix.Normal(train.ItemCount, k, Options.InitStdDev, random);
        var userBiases = new float[train.UserCount];
        var itemBiases = new float[train.ItemCount];
        var byUser = train.ByUser;
        var userOrder = new int[train.UserCount];
        var longest = 0;
        for (var u = 0; u < userOrder.Length; u++)
        {
            userOrder[u] = u;
            longest = Math.Max(longest, byUser.RowLength(u));
        }

        var ratingOrder = new int[longest];
        var buffers = new Buffers(k);
        var mean = (float)scale.Mean;
        var biasReg = (float)Options.BiasRegularization;
        var factorReg = (float)Options.FactorRegularization;
        var implicitReg = (float)Options.ImplicitRegularization;
        var rate = Options.LearningRate;
        for (var epoch = 0; epoch < Options.Epochs; epoch++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(userOrder);
            foreach (var u in userOrder)
            {
                var n = byUser.RowLength(u);
                if (n == 0)
                {
                    continue;
                }

                var order = ratingOrder.AsSpan(0, n);
                for (var r = 0; r < n; r++)
                {
                    order[r] = r;
                }

                random.Shuffle(order);
                FitUser(byUser.RowColumns(u), byUser.RowValues(u), order, mean, ref userBiases[u], p.Row(u), itemBiases, q, y, (float)rate, buffers, biasReg, factorReg, implicitReg);
            }

            rate *= Options.LearningRateDecay;
            context.Progress?.Report(new FitProgress("epoch", epoch + 1, Options.Epochs));
        }

        // Stored user vector: p_u + z_u with the final y.
        for (var u = 0; u < train.UserCount; u++)
        {
            var columns = byUser.RowColumns(u);
            if (!columns.IsEmpty)
            {
                ImplicitSum(columns, y, buffers.Implicit);
                TensorPrimitives.Add(p.Row(u), buffers.Implicit, p.Row(u));
            }
        }

        SetParameters(train, scale, userBiases, itemBiases, p, q);
        ZeroUntouched(train.ItemCounts(), y);
        _implicitFactors = y;
    }

    /// <summary>
    /// Rating n's share of the fold-in: a_n (r_n − μ − b_n) through the ridge solve (a_n its hat weight,
    /// see <c>RidgeFoldIn</c>), plus its implicit-feedback term |N|^-1/2 y_nᵀ (q_i − Σ_m a_m q_m): the
    /// direct term y_nᵀ q_i scaled by |N|^-1/2 less what the ridge solve absorbs of it through the targets.
    /// </summary>
    private protected override double ExplainHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, int item, Span<double> contributions)
    {
        var y = _implicitFactors ?? throw NotFitted();
        var q = ItemFactorMatrix;
        RidgeFoldIn.HatWeights(items, q, Options.BiasRegularization, Options.FactorRegularization, item, contributions);
        var v = new double[q.Factors];
        var qi = q.Row(item);
        for (var f = 0; f < v.Length; f++)
        {
            v[f] = qi[f];
        }

        for (var n = 0; n < items.Length; n++)
        {
            var qn = q.Row(items[n]);
            for (var f = 0; f < v.Length; f++)
            {
                v[f] -= contributions[n] * qn[f];
            }
        }

        var scale = 1 / Math.Sqrt(items.Length);
        for (var n = 0; n < items.Length; n++)
        {
            var yn = y.Row(items[n]);
            var dot = 0.0;
            for (var f = 0; f < v.Length; f++)
            {
                dot += yn[f] * v[f];
            }

            contributions[n] = (contributions[n] * (values[n] - Mean - ItemBiases[items[n]])) + (scale * dot);
        }

        return 0;
    }

    /// <inheritdoc />
    private protected override double SolveHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> vector)
    {
        var y = _implicitFactors ?? throw NotFitted();
        var z = new float[y.Factors];
        ImplicitSum(items, y, z);
        var bias = RidgeFoldIn.Solve(items, values, Mean, ItemBiases, ItemFactorMatrix, z, Options.BiasRegularization, Options.FactorRegularization, vector);
        TensorPrimitives.Add(vector, z, vector);
        return bias;
    }

    /// <inheritdoc />
    private protected override void SaveExtra(ModelWriter writer) => _implicitFactors!.Save(writer, "implicitFactors");

    /// <inheritdoc />
    private protected override void LoadExtra(ModelReader reader, int userCount, int itemCount)
    {
        var y = FactorMatrix.Load(reader, "implicitFactors", itemCount);
        if (y.Factors != VectorLength)
        {
            throw reader.Invalid("implicitFactors", $"{y.Factors} implicit factors against {VectorLength} item factors.");
        }

        _implicitFactors = y;
    }

    /// <summary>One user's batch: the ratings in <paramref name="order"/> with z fixed, then every y_j of N(u) once.</summary>
    internal static void FitUser(
        ReadOnlySpan<int> items,
        ReadOnlySpan<float> values,
        ReadOnlySpan<int> order,
        float mean,
        ref float userBias,
        Span<float> p,
        float[] itemBiases,
        FactorMatrix q,
        FactorMatrix y,
        float lr,
        Buffers buffers,
        float biasReg,
        float factorReg,
        float implicitReg)
    {
        var z = buffers.Implicit;
        var x = buffers.UserVector;
        var gradient = buffers.Gradient;
        ImplicitSum(items, y, z);
        gradient.AsSpan().Clear();
        foreach (var k in order)
        {
            var i = items[k];
            var qi = q.Row(i);
            TensorPrimitives.Add(p, z, x);
            var error = values[k] - (mean + userBias + itemBiases[i] + TensorPrimitives.Dot(qi, x));
            userBias += lr * (error - (biasReg * userBias));
            itemBiases[i] += lr * (error - (biasReg * itemBiases[i]));
            TensorPrimitives.MultiplyAdd(qi, error, gradient, gradient);

            // p += γ (e q − λ p) and q += γ (e (p + z) − λ q), both from the values before the step.
            var shrink = 1 - (lr * factorReg);
            TensorPrimitives.Multiply(p, shrink, p);
            TensorPrimitives.MultiplyAdd(qi, lr * error, p, p);
            TensorPrimitives.Multiply(qi, shrink, qi);
            TensorPrimitives.MultiplyAdd(x, lr * error, qi, qi);
        }

        var n = items.Length;
        var decay = (float)Math.Pow(1 - (lr * implicitReg), n);
        var move = lr / MathF.Sqrt(n);
        foreach (var j in items)
        {
            var yj = y.Row(j);
            TensorPrimitives.Multiply(yj, decay, yj);
            TensorPrimitives.MultiplyAdd(gradient, move, yj, yj);
        }
    }

    /// <summary>z = |N|^-1/2 Σ_{j ∈ N} y_j.</summary>
    private static void ImplicitSum(ReadOnlySpan<int> items, FactorMatrix y, Span<float> z)
    {
        z.Clear();
        foreach (var j in items)
        {
            TensorPrimitives.Add(z, y.Row(j), z);
        }

        TensorPrimitives.Multiply(z, 1 / MathF.Sqrt(items.Length), z);
    }

    private static void ZeroUntouched(int[] itemCounts, FactorMatrix y)
    {
        for (var i = 0; i < itemCounts.Length; i++)
        {
            if (itemCounts[i] == 0)
            {
                y.Row(i).Clear();
            }
        }
    }

    /// <summary>Scratch vectors of one fit, so the inner loop allocates nothing.</summary>
    internal sealed class Buffers(int factors)
    {
        public float[] Implicit { get; } = new float[factors];

        public float[] UserVector { get; } = new float[factors];

        public float[] Gradient { get; } = new float[factors];
    }
}
