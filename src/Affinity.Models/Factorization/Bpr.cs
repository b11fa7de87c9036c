using Affinity.Core.Data;
using Affinity.Core.Recommending;

namespace Affinity.Models.Factorization;

/// <summary>Options of <see cref="Bpr"/>; the defaults are explained in the remarks of <see cref="Bpr"/>.</summary>
public sealed record BprOptions
{
    /// <summary>The number of latent factors k; at least 1.</summary>
    public int Factors { get; init => field = OptionGuard.Positive(value, nameof(Factors)); } = 200;

    /// <summary>The SGD step size; greater than 0.</summary>
    public double LearningRate { get; init => field = OptionGuard.Positive(value, nameof(LearningRate)); } = 0.01;

    /// <summary>The weight decay λ of factors and biases; at least 0.</summary>
    public double Regularization { get; init => field = OptionGuard.NonNegative(value, nameof(Regularization)); } = 0.001;

    /// <summary>Epochs, each drawing as many samples as there are training positives; at least 1.</summary>
    public int Epochs { get; init => field = OptionGuard.Positive(value, nameof(Epochs)); } = 200;

    /// <summary>Whether a sampled negative the user has interacted with is rejected (the sample then makes no update), as implicit's <c>verify_negative_samples</c> and Cornac.</summary>
    public bool VerifyNegatives { get; init; } = true;

    /// <summary>
    /// Whether to train on one thread with one generator, so that a seed always gives the same
    /// factors; otherwise threads update shared factors without locks (Hogwild) and results vary
    /// slightly from run to run.
    /// </summary>
    public bool Deterministic { get; init; }

    /// <summary>A seed that replaces <see cref="FitContext.Seed"/>; null uses the context's.</summary>
    public int? Seed { get; init; }
}

/// <summary>
/// Bayesian personalised ranking with matrix factorisation (Rendle, Freudenthaler, Gantner and
/// Schmidt-Thieme, "BPR: Bayesian Personalized Ranking from Implicit Feedback", UAI 2009): learns
/// x_u · y_i + b_i so that each user's positives rank above the other items, by stochastic gradient
/// ascent on ln σ(x̂_uij) − λ‖Θ‖² over triples (u, i, j) of a user, one of its positives and a
/// uniformly drawn item (LearnBPR, figure 4 of the paper).
/// </summary>
/// <remarks>
/// <para>Follows Cornac's <c>BPR</c> (cornac/models/bpr/recom_bpr.pyx), whose numbers the Microsoft
/// Recommenders benchmark publishes: factors start uniform in [−0.5 / k, 0.5 / k), biases at 0; a
/// sample draws a positive (user, item) pair uniformly and a negative item uniformly from the
/// catalogue; with z = 1 / (1 + e^(x̂_uij)) the updates are x_u += η (z (y_i − y_j) − λ x_u),
/// y_i += η (z x_u − λ y_i), y_j += η (−z x_u − λ y_j), b_i += η (z − λ b_i), b_j += η (−z − λ b_j).
/// A rejected negative still counts towards the epoch's samples, as in Cornac and implicit.
/// The implicit library differs in drawing negatives in proportion to popularity.</para>
/// <para>Positives are the (user, item) pairs whose summed value is greater than 0; values are
/// otherwise ignored. Threads (<see cref="FitContext.MaxDegreeOfParallelism"/>, all cores by
/// default) each draw an equal share of every epoch's samples from their own generator, seeded
/// in turn from the model's seed, and update the shared factors without locks (Niu et al.,
/// "Hogwild!", NIPS 2011). <see cref="BprOptions.Deterministic"/> (or one thread) runs the first
/// thread's stream alone.</para>
/// <para>Fold-in runs the same updates on the new user's vector alone (<see cref="FoldInUser"/>). On a
/// validation split of ML-100K its rankings scored nDCG@10 0.236 against 0.243 for the trained
/// vectors; the least-squares fold-in of ALS, tried first (at 100 epochs), scored 0.139, below
/// popularity's 0.171, and was dropped.</para>
/// <para>Defaults are the Microsoft Recommenders benchmark's Cornac settings (200 factors, η = 0.01,
/// λ = 0.001, 200 epochs; examples/06_benchmarks/benchmark_utils.py). On a validation split
/// carved from the training part of ML-100K msr-stratified (stratified 75/25, seed 7) they gave
/// nDCG@10 0.243, against 0.227 for 100 epochs, 0.238 for 300, and within ±0.004 for 100 factors or
/// η = 0.02 with λ = 0.01.</para>
/// </remarks>
public sealed class Bpr : ImplicitFactorModel
{
    private const int FoldInSeed = 20_090_618;

    /// <summary>Creates an unfitted model.</summary>
    public Bpr(BprOptions? options = null) => Options = options ?? new BprOptions();

    /// <summary>The options the model was created with.</summary>
    public BprOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "bpr";

    /// <inheritdoc />
    protected override object OptionsRecord => Options;

    /// <summary>
    /// λ of the explanations' least-squares fold-in: the model's weight decay, kept above 10⁻⁶ so the
    /// system stays positive definite with fewer items than factors. Every history item has confidence
    /// 1, as BPR ignores values: the fold-in is the ridge regression of the history's 0/1 indicator on
    /// the item factors, and a history item's term y_iᵀ (YᵀY + λI)⁻¹ y_h is how much the factors tie it to i.
    /// </summary>
    protected override double ExplanationRegularization => Math.Max(Options.Regularization, 1e-6);

    /// <summary>
    /// LearnBPR on the user's vector alone, the item factors and biases held fixed (the fold-in of
    /// MyMediaLite's <c>BPRMF</c>): Cornac's initialisation and update, as many epochs as training,
    /// each of as many samples as the history has items, which is what a training user receives on
    /// average. The generator has a fixed seed, so a history always gets the same scores.
    /// </summary>
    protected override void FoldInUser(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> vector)
    {
        // An empty history keeps the zero vector: the items' biases alone rank it, popularity-like.
        if (items.IsEmpty)
        {
            return;
        }

        var k = vector.Length;
        var random = new Random(FoldInSeed);
        for (var f = 0; f < k; f++)
        {
            vector[f] = (float)((random.NextDouble() - 0.5) / k);
        }

        var rate = (float)Options.LearningRate;
        var decay = 1 - (rate * (float)Options.Regularization);
        var biases = ItemBiases;
        for (var epoch = 0; epoch < Options.Epochs; epoch++)
        {
            for (var s = 0; s < items.Length; s++)
            {
                var i = items[random.Next(items.Length)];
                var j = random.Next(ItemCount);
                if (Options.VerifyNegatives && items.BinarySearch(j) >= 0)
                {
                    continue;
                }

                BprStep.UpdateUser(vector, ItemVector(i), ItemVector(j), biases[i] - biases[j], rate, decay);
            }
        }
    }

    /// <inheritdoc />
    protected override void FitCore(Dataset train, FitContext context)
    {
        var positives = PositiveFeedback.ByUser(train, static v => v);
        var samples = positives.EntryCount;
        var userOf = new int[samples];
        for (var u = 0; u < positives.RowCount; u++)
        {
            userOf.AsSpan(positives.RowPointers[u], positives.RowLength(u)).Fill(u);
        }

        var random = new Random(Options.Seed ?? context.Seed);
        var k = Options.Factors;
        var users = Uniform(train.UserCount, k, random);
        var items = Uniform(train.ItemCount, k, random);
        var biases = new float[train.ItemCount];
        var threads = Options.Deterministic || samples == 0 ? 1 : Math.Min(ThreadCount(context), samples);
        var generators = new Random[threads];
        for (var t = 0; t < threads; t++)
        {
            generators[t] = new Random(random.Next());
        }

        var model = new SgdState(positives, userOf, users, items, biases, (float)Options.LearningRate, (float)Options.Regularization, Options.VerifyNegatives);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = context.CancellationToken };
        var counts = new long[threads, 2];
        for (var epoch = 0; epoch < Options.Epochs; epoch++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            Parallel.For(0, threads, parallel, t =>
            {
                var share = (samples / threads) + (t < samples % threads ? 1 : 0);
                (counts[t, 0], counts[t, 1]) = model.Run(generators[t], share);
            });
            LogEpoch(context, epoch, counts, samples);
            context.Progress?.Report(new FitProgress("epoch", epoch + 1, Options.Epochs));
        }

        SetFactors(users, items, biases);
    }

    private static int ThreadCount(FitContext context)
        => context.MaxDegreeOfParallelism > 0 ? context.MaxDegreeOfParallelism : Environment.ProcessorCount;

    /// <summary>Cornac's initialisation: uniform in [−0.5 / k, 0.5 / k).</summary>
    private static FactorMatrix Uniform(int rows, int factors, Random random)
    {
        var matrix = new FactorMatrix(rows, factors);
        var values = matrix.Values;
        for (var n = 0; n < values.Length; n++)
        {
            values[n] = (float)((random.NextDouble() - 0.5) / factors);
        }

        return matrix;
    }

    private static void LogEpoch(FitContext context, int epoch, long[,] counts, int samples)
    {
        long correct = 0, skipped = 0;
        for (var t = 0; t < counts.GetLength(0); t++)
        {
            correct += counts[t, 0];
            skipped += counts[t, 1];
        }

        FactorizationLog.BprEpoch(context.Logger, epoch + 1, correct, samples - skipped, skipped);
    }

    /// <summary>The shared parameters and data of the SGD loop.</summary>
    private sealed class SgdState(CsrMatrix positives, int[] userOf, FactorMatrix users, FactorMatrix items, float[] biases, float rate, float reg, bool verify)
    {
        /// <summary>Runs <paramref name="count"/> samples; returns how many were already ordered correctly and how many negatives were rejected.</summary>
        public (long Correct, long Skipped) Run(Random random, int count)
        {
            var itemCount = items.Rows;
            var columns = positives.Columns;
            var decay = 1 - (rate * reg);
            long correct = 0, skipped = 0;
            for (var s = 0; s < count; s++)
            {
                var pair = random.Next(columns.Length);
                var u = userOf[pair];
                var i = columns[pair];
                var j = random.Next(itemCount);
                if (verify && positives.Contains(u, j))
                {
                    skipped++;
                    continue;
                }

                var z = BprStep.Update(users.Row(u), items.Row(i), items.Row(j), biases[i] - biases[j], rate, decay);
                if (z < 0.5f)
                {
                    correct++;
                }

                biases[i] += rate * (z - (reg * biases[i]));
                biases[j] += rate * (-z - (reg * biases[j]));
            }

            return (correct, skipped);
        }
    }
}
