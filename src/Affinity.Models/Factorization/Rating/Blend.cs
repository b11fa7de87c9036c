using System.Runtime.InteropServices;
using Affinity.Core.Data;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;
using Affinity.Models.Baselines;

namespace Affinity.Models.Factorization.Rating;

/// <summary>
/// A linear blend of rating predictors, r̂ = w₀ + Σ_m w_m r̂_m, with the weights fitted by ridge
/// least squares on ratings held out of the training data, then every member refitted on all of
/// it: the linear blending of the Netflix Prize (Töscher, Jahrer and Bell, "The BigChaos solution
/// to the Netflix Grand Prize", 2009, section on linear blending; Koren, "The BellKor solution to the
/// Netflix Grand Prize", 2009).
/// </summary>
/// <remarks>
/// The held-out part is a per-user random share (<see cref="BlendOptions.ValidationShare"/> of each
/// user's ratings, rounded half to even, always leaving one in training), drawn with
/// <c>new Random(seed)</c> over the users in index order. The weights minimise
/// Σ (r − w₀ − Σ w_m r̂_m)² + λ Σ_{m ≥ 1} w_m² over the held-out ratings (λ = <see cref="BlendOptions.Ridge"/>).
/// Predictions are clipped to the training range; rankings blend the members' unclipped scores with
/// the same weights. Fold-in blends the members' fold-in scores and needs every member to support
/// it. Each member is saved as a complete nested model file.
/// </remarks>
public sealed class Blend : ScoringRecommender, IRatingPredictor, IFoldIn, IExplainer
{
    private IRatingPredictor[] _members = [];
    private double[] _weights = [];
    private RatingScale? _scale;

    /// <summary>Creates an unfitted blend.</summary>
    /// <exception cref="ArgumentException">A member names no registered model.</exception>
    public Blend(BlendOptions? options = null)
    {
        Options = options ?? new BlendOptions();
        foreach (var member in Options.Members)
        {
            _ = ModelCatalog.Default.Get(member.Model);
        }
    }

    /// <summary>The options the blend was created with.</summary>
    public BlendOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "blend";

    /// <summary>The fitted intercept w₀ followed by one weight per member (empty before fitting).</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>The members, fitted on all the training data (empty before fitting).</summary>
    public IReadOnlyList<IRatingPredictor> Members => _members;

    /// <inheritdoc />
    protected override object OptionsRecord => Options;

    private RatingScale Scale => _scale ?? throw NotFitted();

    /// <inheritdoc />
    public float Predict(int user, int item)
    {
        var scale = Scale;
        var prediction = _weights[0];
        for (var m = 0; m < _members.Length; m++)
        {
            prediction += _weights[m + 1] * _members[m].Predict(user, item);
        }

        return scale.Clip(prediction);
    }

    /// <inheritdoc />
    public override bool CanScore(int user) => HasHistory(user);

    /// <inheritdoc />
    public override void ScoreItems(int user, Span<float> scores)
    {
        _ = Scale;
        Combine(scores, (m, buffer) => ((IItemScorer)_members[m]).ScoreItems(user, buffer));
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A member cannot fold in a history.</exception>
    public void ScoreHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> scores)
    {
        _ = Scale;
        var foldIns = new IFoldIn[_members.Length];
        for (var m = 0; m < _members.Length; m++)
        {
            foldIns[m] = _members[m] as IFoldIn ?? throw new InvalidOperationException($"The blend member '{_members[m].Name}' cannot fold in a history.");
        }

        var itemArray = items.ToArray();
        var valueArray = values.ToArray();
        Combine(scores, (m, buffer) => foldIns[m].ScoreHistory(itemArray, valueArray, buffer));
    }

    /// <summary>
    /// The weighted sum of the members' reasons: every reason of member m (all of them, not only its top
    /// ones) has its weight multiplied by w_m, reasons naming the same thing are added up, and the
    /// intercept w₀ joins the <see cref="ReasonKind.Bias"/> reason; a member that cannot explain adds
    /// w_m times its score to that reason. The weights sum to the blend's score whenever the members'
    /// do. <see cref="Explanation.Score"/> is the blend's unclipped ranking score.
    /// </summary>
    public Explanation Explain(int user, int item, int maxReasons = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxReasons);
        if (!ExplainsPair(user, item))
        {
            return ExplainFallback(user, item, maxReasons);
        }

        var merged = new Dictionary<(ReasonKind Kind, int Item, string? Feature), double> { [(ReasonKind.Bias, -1, null)] = _weights[0] };
        var score = _weights[0];
        for (var m = 0; m < _members.Length; m++)
        {
            var weight = _weights[m + 1];
            if (_members[m] is not IExplainer explainer)
            {
                var buffer = new float[ItemCount];
                ((IItemScorer)_members[m]).ScoreItems(user, buffer);
                merged[(ReasonKind.Bias, -1, null)] += weight * buffer[item];
                score += weight * buffer[item];
                continue;
            }

            var explanation = explainer.Explain(user, item, int.MaxValue);
            score += weight * explanation.Score;
            foreach (var reason in explanation.Reasons)
            {
                var key = (reason.Kind, reason.Item, reason.Feature);
                merged[key] = merged.GetValueOrDefault(key) + (weight * reason.Weight);
            }
        }

        var reasons = new List<Reason>(merged.Count);
        foreach (var ((kind, historyItem, feature), weight) in merged)
        {
            reasons.Add(new Reason(kind, (float)weight, historyItem, feature));
        }

        return new Explanation(user, item, (float)score, Explanations.Top(reasons, maxReasons));
    }

    /// <inheritdoc />
    protected override void FitCore(Dataset train, FitContext context)
    {
        var scale = RatingScale.Of(train, Name);
        var first = new IRatingPredictor[Options.Members.Count];
        for (var m = 0; m < first.Length; m++)
        {
            first[m] = Create(m);
        }

        var (fitPart, heldOut) = HoldOut(train, context.Seed);
        var predictions = new float[first.Length][];
        for (var m = 0; m < predictions.Length; m++)
        {
            var member = first[m];
            member.Fit(fitPart, context);
            predictions[m] = new float[heldOut.Count];
            for (var n = 0; n < heldOut.Count; n++)
            {
                predictions[m][n] = member.Predict(heldOut.UserIndexes[n], heldOut.ItemIndexes[n]);
            }
        }

        var weights = BlendWeights.Fit(predictions, heldOut.Values, Options.Ridge);
        var members = new IRatingPredictor[predictions.Length];
        for (var m = 0; m < members.Length; m++)
        {
            members[m] = Create(m);
            members[m].Fit(train, context);
        }

        (_scale, _weights, _members) = (scale, weights, members);
    }

    /// <inheritdoc />
    protected override void SaveModel(ModelWriter writer)
    {
        Scale.Save(writer);
        writer.Write("weights", _weights);
        for (var m = 0; m < _members.Length; m++)
        {
            var member = _members[m] as IPersistableModel ?? throw new InvalidOperationException($"The blend member '{_members[m].Name}' cannot be saved.");
            using var file = new MemoryStream();
            ModelCatalog.Default.Save(member, file);
            writer.Write($"member{m}", Pack(file.ToArray()));
        }
    }

    /// <inheritdoc />
    protected override void LoadModel(ModelReader reader, int userCount, int itemCount)
    {
        var scale = RatingScale.Load(reader);
        var weights = reader.ReadDoubles("weights");
        if (weights.Length != Options.Members.Count + 1)
        {
            throw reader.Invalid("weights", $"{weights.Length} weights for {Options.Members.Count} members and an intercept.");
        }

        var members = new IRatingPredictor[Options.Members.Count];
        for (var m = 0; m < members.Length; m++)
        {
            var name = $"member{m}";
            using var file = new MemoryStream(Unpack(reader.ReadInt32s(name), reader, name));
            var loaded = ModelCatalog.Default.Load(file, $"{reader.Source} ({name})");
            var expected = ModelCatalog.Default.Get(Options.Members[m].Model).Name;
            members[m] = loaded is IRatingPredictor predictor && loaded is IItemScorer && loaded.Name == expected
                ? predictor
                : throw reader.Invalid(name, $"holds the model '{loaded.Name}', expected the rating predictor '{expected}'.");
        }

        (_scale, _weights, _members) = (scale, weights, members);
    }

    private IRatingPredictor Create(int member)
    {
        var spec = Options.Members[member];
        var model = ModelCatalog.Default.Create(spec.Model, spec.Options);
        return model is IRatingPredictor predictor and IItemScorer
            ? predictor
            : throw new InvalidOperationException($"The blend member '{spec.Model}' does not predict ratings.");
    }

    private void Combine(Span<float> scores, Action<int, float[]> memberScores)
    {
        ScoreGuard.CheckLength(scores, ItemCount);
        scores.Fill((float)_weights[0]);
        var buffer = new float[scores.Length];
        for (var m = 0; m < _members.Length; m++)
        {
            memberScores(m, buffer);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(buffer, (float)_weights[m + 1], scores, scores);
        }
    }

    /// <summary>Splits each user's ratings: a seeded random share held out, at least one kept.</summary>
    private (Dataset Fit, Dataset HeldOut) HoldOut(Dataset train, int seed)
    {
        var random = new Random(seed);
        var byUser = train.ByUser;
        var fit = new List<int>(train.Count);
        var heldOut = new List<int>();
        for (var u = 0; u < train.UserCount; u++)
        {
            var entries = byUser.RowEntryIds(u).ToArray();
            random.Shuffle(entries);
            var held = Math.Min((int)Math.Round(entries.Length * Options.ValidationShare, MidpointRounding.ToEven), Math.Max(entries.Length - 1, 0));
            heldOut.AddRange(entries.AsSpan(0, held));
            fit.AddRange(entries.AsSpan(held));
        }

        if (heldOut.Count == 0)
        {
            throw new ArgumentException($"The blend needs users with at least two ratings to hold some out; '{train.Name}' has none.", nameof(train));
        }

        fit.Sort();
        heldOut.Sort();
        return (train.Subset(CollectionsMarshal.AsSpan(fit)), train.Subset(CollectionsMarshal.AsSpan(heldOut)));
    }

    private static int[] Pack(byte[] bytes)
    {
        var packed = new int[1 + ((bytes.Length + 3) / 4)];
        packed[0] = bytes.Length;
        bytes.CopyTo(MemoryMarshal.AsBytes(packed.AsSpan(1)));
        return packed;
    }

    private static byte[] Unpack(int[] packed, ModelReader reader, string name)
    {
        if (packed.Length == 0 || packed[0] < 0 || (packed.Length - 1) * 4L < packed[0])
        {
            throw reader.Invalid(name, "the nested model file is truncated.");
        }

        return MemoryMarshal.AsBytes(packed.AsSpan(1))[..packed[0]].ToArray();
    }
}
