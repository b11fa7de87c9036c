using Affinity.Core.Data;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;

namespace Affinity.Models.Baselines;

/// <summary>Options of <see cref="GlobalMean"/>; the model has no hyperparameters.</summary>
public sealed record GlobalMeanOptions;

/// <summary>
/// Predicts the mean of all training values for every user and item: the floor every rating model
/// must beat (Surprise's <c>NormalPredictor</c> without the noise). As a ranker it gives every item
/// the same score, so lists follow item index order.
/// </summary>
public sealed class GlobalMean : ScoringRecommender, IRatingPredictor, IExplainer
{
    private RatingScale? _scale;

    /// <summary>Creates an unfitted model.</summary>
    public GlobalMean(GlobalMeanOptions? options = null) => Options = options ?? new GlobalMeanOptions();

    /// <summary>The options the model was created with.</summary>
    public GlobalMeanOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "global-mean";

    /// <summary>The mean of the training values.</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    public double Mean => (_scale ?? throw NotFitted()).Mean;

    /// <inheritdoc />
    public float Predict(int user, int item) => (float)Mean;

    /// <inheritdoc />
    public override bool CanScore(int user) => HasHistory(user);

    /// <inheritdoc />
    public override void ScoreItems(int user, Span<float> scores)
    {
        var mean = (float)Mean;
        ScoreGuard.CheckLength(scores, ItemCount);
        scores.Fill(mean);
    }

    /// <summary>One <see cref="ReasonKind.Bias"/> reason, the training mean, which is the whole score.</summary>
    public Explanation Explain(int user, int item, int maxReasons = 3)
    {
        if (!ExplainsPair(user, item))
        {
            return ExplainFallback(user, item, maxReasons);
        }

        var mean = (float)Mean;
        return new Explanation(user, item, mean, Explanations.Top([new Reason(ReasonKind.Bias, mean)], maxReasons));
    }

    /// <inheritdoc />
    protected override void FitCore(Dataset train, FitContext context)
    {
        _scale = RatingScale.Of(train, Name);
    }

    /// <inheritdoc />
    protected override object OptionsRecord => Options;

    /// <inheritdoc />
    protected override void SaveModel(ModelWriter writer) => (_scale ?? throw NotFitted()).Save(writer);

    /// <inheritdoc />
    protected override void LoadModel(ModelReader reader, int userCount, int itemCount) => _scale = RatingScale.Load(reader);
}
