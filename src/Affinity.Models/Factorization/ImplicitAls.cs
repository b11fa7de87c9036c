using System.Text.Json.Serialization;
using Affinity.Core.Data;
using Affinity.Core.Recommending;

namespace Affinity.Models.Factorization;

/// <summary>How <see cref="ImplicitAls"/> solves each row's least-squares problem.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlsSolver>))]
public enum AlsSolver
{
    /// <summary>A few conjugate-gradient steps warm-started from the previous vector (the implicit library's default, <c>least_squares_cg</c>).</summary>
    ConjugateGradient,

    /// <summary>The exact solve by Cholesky factorisation (the implicit library's <c>least_squares</c>).</summary>
    Cholesky,
}

/// <summary>How an interaction's value r becomes its confidence c (Hu et al. 2008, section 4).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConfidenceScaling>))]
public enum ConfidenceScaling
{
    /// <summary>c = 1 + α r (Hu et al. eq. 2, the paper's main form).</summary>
    Linear,

    /// <summary>c = 1 + α log(1 + r / ε) (Hu et al.'s alternative for counts with a long tail, such as plays).</summary>
    Log,
}

/// <summary>
/// Options of <see cref="ImplicitAls"/>; the defaults are explained in the remarks of <see cref="ImplicitAls"/>.
/// </summary>
public sealed record ImplicitAlsOptions
{
    /// <summary>The largest number of factors: every row system is solved densely.</summary>
    public const int MaxFactors = 512;

    /// <summary>The number of latent factors k, 1 to <see cref="MaxFactors"/>.</summary>
    public int Factors { get; init => field = CheckFactors(value); } = 64;

    /// <summary>The weight λ of the squared norms of all factors; greater than 0, which keeps every row system positive definite.</summary>
    public double Regularization { get; init => field = OptionGuard.Positive(value, nameof(Regularization)); } = 60;

    /// <summary>The confidence rate α; at least 0 (0 weighs positives like everything else).</summary>
    public double Alpha { get; init => field = OptionGuard.NonNegative(value, nameof(Alpha)); } = 3;

    /// <summary>How values become confidences; <see cref="ConfidenceScaling.Log"/> for counts with a long tail (plays, clicks).</summary>
    public ConfidenceScaling Scaling { get; init => field = OptionGuard.Defined(value, nameof(Scaling)); } = ConfidenceScaling.Linear;

    /// <summary>ε of the logarithmic scaling (<see cref="ConfidenceScaling.Log"/> only); greater than 0.</summary>
    public double Epsilon { get; init => field = OptionGuard.Positive(value, nameof(Epsilon)); } = 1;

    /// <summary>Iterations, each solving every item and then every user; at least 1.</summary>
    public int Iterations { get; init => field = OptionGuard.Positive(value, nameof(Iterations)); } = 15;

    /// <summary>The row solver.</summary>
    public AlsSolver Solver { get; init => field = OptionGuard.Defined(value, nameof(Solver)); } = AlsSolver.ConjugateGradient;

    /// <summary>Conjugate-gradient steps per row and half-iteration (implicit's <c>cg_steps</c>; conjugate gradient only); at least 1.</summary>
    public int CgSteps { get; init => field = OptionGuard.Positive(value, nameof(CgSteps)); } = 3;

    /// <summary>The standard deviation of the normal initial factors; greater than 0.</summary>
    public double InitStd { get; init => field = OptionGuard.Positive(value, nameof(InitStd)); } = 0.01;

    /// <summary>A seed that replaces <see cref="FitContext.Seed"/>; null uses the context's.</summary>
    public int? Seed { get; init; }

    /// <summary>Whether to compute the objective after every iteration (<see cref="ImplicitAls.TrainingLoss"/>); it costs time and changes nothing else.</summary>
    public bool CalculateLoss { get; init; }

    private static int CheckFactors(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(Factors));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxFactors, nameof(Factors));
        return value;
    }
}

/// <summary>
/// Implicit-feedback matrix factorisation by weighted alternating least squares (Hu, Koren and
/// Volinsky, "Collaborative Filtering for Implicit Feedback Datasets", ICDM 2008): every
/// (user, item) cell is fitted, with preference p = 1 where the user interacted (summed value r &gt; 0)
/// and 0 elsewhere, weighted by the confidence c = 1 + α r (or 1 + α log(1 + r / ε)), minimising
/// Σ c (p − x_u · y_i)² + λ (Σ ‖x_u‖² + Σ ‖y_i‖²).
/// </summary>
/// <remarks>
/// <para>Each half-iteration precomputes YᵀY + λI once and solves every row independently
/// (<see cref="ImplicitLeastSquares"/>), exactly by Cholesky or by conjugate gradient warm-started
/// from the row's previous vector (Takács et al. 2011; the implicit library's
/// <c>least_squares_cg</c>), in parallel over rows. A row's result depends only on its own inputs,
/// so the factors are the same for any number of threads. Factors start normal with mean 0 and
/// standard deviation <see cref="ImplicitAlsOptions.InitStd"/>, users first, from one seeded
/// generator.</para>
/// <para>Unlike implicit, which solves users then items and reads the matrix values as c itself,
/// each iteration solves items first and then users, so the final user vectors are the exact
/// row solves against the final item factors: with the Cholesky solver, fold-in of a training
/// user's history (<see cref="ImplicitFactorModel.ScoreHistory"/>, always solved exactly) returns
/// that user's trained vector. Confidence follows the paper, c = 1 + α r.</para>
/// <para>Defaults (64 factors, λ = 60, α = 3, linear confidence, 15 iterations, 3 CG steps) were
/// chosen on a validation split carved from the training part of ML-100K msr-stratified (a
/// stratified 75/25 split of the training ratings, seed 7; the test part never seen): nDCG@10
/// 0.275 there, against 0.215 for λ = 10, α = 2 and 0.270 for λ = 50, α = 1; more factors, steps or
/// iterations, or log confidence with α = 6, moved it by less than 0.003. They suit rating-like
/// values. Counts with a long tail want log confidence: on Last.fm play counts (a validation split
/// carved the same way) λ = 100, α = 5 with log scaling gave 0.174, the best linear setting
/// (λ = 60, α = 0.01) 0.159 and the defaults 0.079. On ML-1M (the validation part of
/// recbole-rs811) λ = 60 with α = 1 validated best, 0.227 against 0.208 for the defaults.</para>
/// </remarks>
public sealed class ImplicitAls : ImplicitFactorModel
{
    private double[] _trainingLoss = [];

    /// <summary>Creates an unfitted model.</summary>
    public ImplicitAls(ImplicitAlsOptions? options = null) => Options = options ?? new ImplicitAlsOptions();

    /// <summary>The options the model was created with.</summary>
    public ImplicitAlsOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "als";

    /// <summary>
    /// The objective Σ c (p − x · y)² + λ (Σ ‖x‖² + Σ ‖y‖²) after every iteration of the last fit, when
    /// <see cref="ImplicitAlsOptions.CalculateLoss"/> is on; otherwise (and after loading) empty.
    /// </summary>
    public IReadOnlyList<double> TrainingLoss => _trainingLoss;

    /// <inheritdoc />
    protected override object OptionsRecord => Options;

    /// <summary>The confidence increment w = c − 1 of a summed value r &gt; 0.</summary>
    public float ConfidenceIncrement(float value) => Options.Scaling == ConfidenceScaling.Linear
        ? (float)(Options.Alpha * value)
        : (float)(Options.Alpha * Math.Log(1 + (value / Options.Epsilon)));

    /// <summary>The training λ, so explanations decompose the fold-in exactly.</summary>
    protected override double ExplanationRegularization => Options.Regularization;

    /// <summary>The training confidences.</summary>
    protected override float ExplanationConfidenceIncrement(float value) => ConfidenceIncrement(value);

    /// <summary>The exact row solve against the fixed item factors, with the training confidences and λ.</summary>
    protected override void FoldInUser(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> vector)
    {
        var weights = new float[values.Length];
        for (var n = 0; n < weights.Length; n++)
        {
            weights[n] = ConfidenceIncrement(values[n]);
        }

        SolveLeastSquaresUser(items, weights, Options.Regularization, vector);
    }

    /// <inheritdoc />
    protected override void FitCore(Dataset train, FitContext context)
    {
        var byUser = PositiveFeedback.ByUser(train, ConfidenceIncrement);
        var byItem = byUser.Transpose();
        var random = new Random(Options.Seed ?? context.Seed);
        var users = FactorMatrix.Normal(train.UserCount, Options.Factors, Options.InitStd, random);
        var items = FactorMatrix.Normal(train.ItemCount, Options.Factors, Options.InitStd, random);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = context.MaxDegreeOfParallelism, CancellationToken = context.CancellationToken };
        var losses = new List<double>();
        for (var iteration = 0; iteration < Options.Iterations; iteration++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            SolveRows(byItem, items, users, parallel);
            var userSolver = SolveRows(byUser, users, items, parallel);
            if (Options.CalculateLoss)
            {
                losses.Add(Objective(byUser, users, items, userSolver, parallel));
                FactorizationLog.AlsIteration(context.Logger, iteration + 1, losses[^1]);
            }

            context.Progress?.Report(new FitProgress("iteration", iteration + 1, Options.Iterations));
        }

        _trainingLoss = [.. losses];
        SetFactors(users, items, []);
    }

    /// <summary>Solves every row of <paramref name="target"/> against the fixed side; returns the solver, whose Gram matrix the objective reuses.</summary>
    private ImplicitLeastSquares SolveRows(CsrMatrix rows, FactorMatrix target, FactorMatrix fixedSide, ParallelOptions parallel)
    {
        var solver = new ImplicitLeastSquares(fixedSide, Options.Regularization, parallel.MaxDegreeOfParallelism);
        var exact = Options.Solver == AlsSolver.Cholesky;
        var steps = Options.CgSteps;
        Parallel.For(0, target.Rows, parallel, solver.CreateWorkspace, (r, _, workspace) =>
        {
            var x = target.Row(r);
            if (rows.RowLength(r) == 0)
            {
                // The exact solution of a row without positives: its right-hand side is zero.
                x.Clear();
            }
            else if (exact)
            {
                solver.SolveExact(rows.RowColumns(r), rows.RowValues(r), x, workspace);
            }
            else
            {
                solver.SolveConjugateGradient(rows.RowColumns(r), rows.RowValues(r), x, steps, workspace);
            }

            return workspace;
        }, _ => { });
        return solver;
    }

    /// <summary>Σ over users of their row objective against G = YᵀY + λI (which holds λ‖x‖²), plus λ Σ ‖y‖², summed in user order.</summary>
    private double Objective(CsrMatrix byUser, FactorMatrix users, FactorMatrix items, ImplicitLeastSquares userSolver, ParallelOptions parallel)
    {
        var perUser = new double[users.Rows];
        Parallel.For(0, users.Rows, parallel, u => perUser[u] = userSolver.RowLoss(byUser.RowColumns(u), byUser.RowValues(u), users.Row(u)));
        var total = 0.0;
        foreach (var loss in perUser)
        {
            total += loss;
        }

        var itemNorms = 0.0;
        foreach (var v in items.Values)
        {
            itemNorms += (double)v * v;
        }

        return total + (Options.Regularization * itemNorms);
    }
}
