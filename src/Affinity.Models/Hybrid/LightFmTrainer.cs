using System.Numerics.Tensors;
using Affinity.Core.Data;
using Affinity.Models.Factorization;

namespace Affinity.Models.Hybrid;

/// <summary>
/// The SGD loops of <see cref="LightFm"/> (lightfm's <c>_lightfm_fast.pyx.template</c>: <c>fit_warp</c>,
/// <c>fit_bpr</c>, <c>warp_update</c>, <c>update_features</c>, <c>update_biases</c>), over feature
/// embeddings and biases that one or several threads update in place.
/// </summary>
/// <remarks>
/// The L2 penalties are lightfm's lazy ones: after every update each side's parameters all shrink by
/// 1 / (1 + α · η̄), η̄ the mean per-parameter step of that update, kept as one multiplier per side
/// (the effective value is stored × multiplier) and folded into the values when it gets small.
/// lightfm's template multiplies where it means to divide in that bookkeeping (lyst/lightfm issue
/// #148); this follows the decay its comments describe. User biases are left out: a pairwise loss
/// has no gradient for them, and they do not change a user's ranking.
/// </remarks>
internal sealed class LightFmTrainer
{
    private const float MaxLoss = 10f;
    private const double MinScale = 1e-6;

    private readonly LightFmOptions _options;
    private readonly CsrMatrix _itemFeatures;
    private readonly CsrMatrix _userFeatures;
    private readonly CsrMatrix _positives;
    private readonly int[] _userOf;
    private readonly int _k;
    private readonly Side _items;
    private readonly Side _users;

    public LightFmTrainer(LightFmOptions options, CsrMatrix itemFeatures, CsrMatrix userFeatures, CsrMatrix positives, Random random)
    {
        (_options, _itemFeatures, _userFeatures, _positives, _k) = (options, itemFeatures, userFeatures, positives, options.Components);
        _userOf = new int[positives.EntryCount];
        for (var u = 0; u < positives.RowCount; u++)
        {
            _userOf.AsSpan(positives.RowPointers[u], positives.RowLength(u)).Fill(u);
        }

        // lightfm's _initialize: item embeddings, then user embeddings, uniform in [−0.5/k, 0.5/k); biases 0.
        _items = new Side(itemFeatures.ColumnCount, _k, options, random);
        _users = new Side(userFeatures.ColumnCount, _k, options, random);
    }

    /// <summary>The item feature embeddings (features × k), effective values once <see cref="Finish"/> ran.</summary>
    public FactorMatrix ItemEmbeddings => _items.Embeddings;

    /// <summary>The item feature biases.</summary>
    public float[] ItemBiases => _items.Biases;

    /// <summary>The user feature embeddings (features × k).</summary>
    public FactorMatrix UserEmbeddings => _users.Embeddings;

    /// <summary>The number of training positives, the samples of one epoch.</summary>
    public int SampleCount => _userOf.Length;

    /// <summary>A thread's scratch vectors.</summary>
    public Workspace CreateWorkspace() => new(_k);

    /// <summary>Runs the samples <paramref name="order"/> lists (indexes of positive entries); returns how many made an update.</summary>
    public int Run(ReadOnlySpan<int> order, Random random, Workspace work)
    {
        var updates = 0;
        var columns = _positives.Columns;
        foreach (var entry in order)
        {
            var user = _userOf[entry];
            var positive = columns[entry];
            if (_positives.RowLength(user) >= _itemFeatures.RowCount)
            {
                continue; // No item is a negative for this user.
            }

            Represent(_userFeatures, _users, user, work.User);
            var positiveScore = Represent(_itemFeatures, _items, positive, work.Positive) + TensorPrimitives.Dot(work.User, work.Positive);
            var (negative, loss) = _options.Loss == LightFmLoss.Warp
                ? SampleWarp(user, positiveScore, random, work)
                : SampleBpr(user, positiveScore, random, work);
            if (negative >= 0)
            {
                Update(user, positive, negative, loss, work);
                updates++;
            }
        }

        return updates;
    }

    /// <summary>Folds the multipliers into the values when either has shrunk far (between blocks, when no thread runs).</summary>
    public void Renormalize(bool always = false)
    {
        _items.Renormalize(always);
        _users.Renormalize(always);
    }

    /// <summary>Folds the multipliers in for good and zeroes the identity rows of entities training never saw, which hold only their random start.</summary>
    public void Finish(EntityFeatures items, EntityFeatures users, CsrMatrix positives)
    {
        Renormalize(always: true);
        var seenItems = new bool[items.Rows.RowCount];
        foreach (var i in positives.Columns)
        {
            seenItems[i] = true;
        }

        for (var i = 0; i < seenItems.Length; i++)
        {
            if (!seenItems[i] && items.IdentityColumn(i) is var column and >= 0)
            {
                _items.Embeddings.Row(column).Clear();
                _items.Biases[column] = 0;
            }
        }

        for (var u = 0; u < users.Rows.RowCount; u++)
        {
            if (positives.RowLength(u) == 0 && users.IdentityColumn(u) is var column and >= 0)
            {
                _users.Embeddings.Row(column).Clear();
            }
        }
    }

    /// <summary>WARP: draw negatives until one scores above positive − 1, at most max_sampled; the loss is ln ⌊(n − 1) / draws⌋, clipped at 10.</summary>
    private (int Negative, float Loss) SampleWarp(int user, float positiveScore, Random random, Workspace work)
    {
        var itemCount = _itemFeatures.RowCount;
        var sampled = 0;
        while (sampled < _options.MaxSampled)
        {
            var negative = random.Next(itemCount);
            if (_positives.Contains(user, negative))
            {
                continue; // lightfm redraws a positive without counting it.
            }

            sampled++;
            var negativeScore = Represent(_itemFeatures, _items, negative, work.Negative) + TensorPrimitives.Dot(work.User, work.Negative);
            if (negativeScore > positiveScore - 1)
            {
                var loss = (float)Math.Log(Math.Max(1.0, Math.Floor((itemCount - 1.0) / sampled)));
                return (negative, Math.Min(loss, MaxLoss));
            }
        }

        return (-1, 0);
    }

    /// <summary>BPR: the item of a random training positive (so negatives follow popularity, as in lightfm), redrawn while the user has it; the loss is 1 − σ(x̂_ui − x̂_uj).</summary>
    private (int Negative, float Loss) SampleBpr(int user, float positiveScore, Random random, Workspace work)
    {
        var columns = _positives.Columns;
        var negative = columns[random.Next(columns.Length)];
        for (var attempt = 1; attempt < columns.Length && _positives.Contains(user, negative); attempt++)
        {
            negative = columns[random.Next(columns.Length)];
        }

        var negativeScore = Represent(_itemFeatures, _items, negative, work.Negative) + TensorPrimitives.Dot(work.User, work.Negative);
        return (negative, 1 - (1 / (1 + MathF.Exp(-(positiveScore - negativeScore)))));
    }

    /// <summary>
    /// lightfm's <c>warp_update</c>: the positive item's features step along −loss · user, the negative's
    /// along +loss · user, the user's along loss · (negative − positive); biases by ∓loss. A parameter
    /// both items share takes the positive's step first, as in lightfm.
    /// </summary>
    private void Update(int user, int positive, int negative, float loss, Workspace work)
    {
        TensorPrimitives.Subtract(work.Negative, work.Positive, work.Difference);
        var rate = 0.0;
        rate += _items.Step(_itemFeatures.RowColumns(positive), _itemFeatures.RowValues(positive), work.User, -loss, bias: true);
        rate += _items.Step(_itemFeatures.RowColumns(negative), _itemFeatures.RowValues(negative), work.User, loss, bias: true);
        rate += _users.Step(_userFeatures.RowColumns(user), _userFeatures.RowValues(user), work.Difference, loss, bias: false);
        var parameters = ((_k + 1) * (_itemFeatures.RowLength(positive) + _itemFeatures.RowLength(negative))) + (_k * _userFeatures.RowLength(user));
        var mean = parameters == 0 ? 0 : rate / parameters;
        _items.Decay(_options.ItemAlpha, mean);
        _users.Decay(_options.UserAlpha, mean);
    }

    /// <summary>Writes Σ_f x_f e_f into <paramref name="vector"/> and returns Σ_f x_f b_f, effective values.</summary>
    private static float Represent(CsrMatrix features, Side side, int row, Span<float> vector)
    {
        vector.Clear();
        var columns = features.RowColumns(row);
        var weights = features.RowValues(row);
        var scale = (float)side.Scale;
        var bias = 0f;
        for (var n = 0; n < columns.Length; n++)
        {
            var x = weights[n] * scale;
            TensorPrimitives.MultiplyAdd(side.Embeddings.Row(columns[n]), x, vector, vector);
            bias += x * side.Biases[columns[n]];
        }

        return bias;
    }

    /// <summary>A thread's user, positive, negative and difference vectors.</summary>
    internal sealed class Workspace(int k)
    {
        public float[] User { get; } = new float[k];

        public float[] Positive { get; } = new float[k];

        public float[] Negative { get; } = new float[k];

        public float[] Difference { get; } = new float[k];
    }

    /// <summary>One side's embeddings, biases, learning-schedule state and lazy-decay multiplier.</summary>
    private sealed class Side
    {
        private readonly bool _adadelta;
        private readonly float _rate;
        private readonly float _rho;
        private readonly float _epsilon;
        private readonly float[] _squares;
        private readonly float[] _biasSquares;
        private readonly float[] _steps;
        private readonly float[] _biasSteps;

        public Side(int features, int k, LightFmOptions options, Random random)
        {
            Embeddings = new FactorMatrix(features, k);
            var values = Embeddings.Values;
            for (var n = 0; n < values.Length; n++)
            {
                values[n] = (float)((random.NextDouble() - 0.5) / k);
            }

            Biases = new float[features];
            _adadelta = options.LearningSchedule == LightFmSchedule.Adadelta;
            (_rate, _rho, _epsilon) = ((float)options.LearningRate, (float)options.Rho, (float)options.Epsilon);

            // Adagrad's accumulated squares start at 1 (lightfm adds 1 to the zeros); Adadelta's at 0.
            _squares = new float[values.Length];
            _biasSquares = new float[features];
            if (!_adadelta)
            {
                Array.Fill(_squares, 1f);
                Array.Fill(_biasSquares, 1f);
            }

            _steps = new float[values.Length];
            _biasSteps = new float[features];
        }

        public FactorMatrix Embeddings { get; }

        public float[] Biases { get; }

        /// <summary>Effective value = stored value × scale.</summary>
        public double Scale { get; private set; } = 1;

        /// <summary>Steps every feature of a row by gradient coefficient · direction (and coefficient for the bias); returns the sum of the per-parameter rates.</summary>
        public double Step(ReadOnlySpan<int> features, ReadOnlySpan<float> weights, ReadOnlySpan<float> direction, float coefficient, bool bias)
        {
            var k = direction.Length;
            var inverseScale = (float)(1 / Scale);
            var rates = 0.0;
            var all = Embeddings.Values;
            for (var n = 0; n < features.Length; n++)
            {
                var f = features[n];
                var x = weights[n];
                var offset = f * k;
                var row = all.Slice(offset, k);
                for (var c = 0; c < k; c++)
                {
                    rates += Apply(ref row[c], ref _squares[offset + c], ref _steps[offset + c], x * coefficient * direction[c], inverseScale);
                }

                if (bias)
                {
                    rates += Apply(ref Biases[f], ref _biasSquares[f], ref _biasSteps[f], x * coefficient, inverseScale);
                }
            }

            return rates;
        }

        /// <summary>Shrinks the whole side by 1 / (1 + α · rate).</summary>
        public void Decay(double alpha, double rate)
        {
            if (alpha > 0)
            {
                Scale /= 1 + (alpha * rate);
            }
        }

        public void Renormalize(bool always)
        {
            if (Scale == 1 || (!always && Scale > MinScale))
            {
                return;
            }

            var scale = (float)Scale;
            TensorPrimitives.Multiply(Embeddings.Values, scale, Embeddings.Values);
            TensorPrimitives.Multiply(Biases, scale, Biases);
            Scale = 1;
        }

        /// <summary>One parameter's step for gradient g (already times the feature weight); returns its rate.</summary>
        private float Apply(ref float value, ref float squares, ref float steps, float g, float inverseScale)
        {
            if (_adadelta)
            {
                squares = (_rho * squares) + ((1 - _rho) * g * g);
                var adaptive = MathF.Sqrt(steps + _epsilon) / MathF.Sqrt(squares + _epsilon);
                var update = adaptive * g;
                steps = (_rho * steps) + ((1 - _rho) * update * update);
                value -= update * inverseScale;
                return adaptive;
            }

            var rate = _rate / MathF.Sqrt(squares);
            value -= rate * g * inverseScale;
            squares += g * g;
            return rate;
        }
    }
}
