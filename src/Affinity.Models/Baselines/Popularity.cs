using System.Text.Json.Serialization;
using Affinity.Core.Data;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;

namespace Affinity.Models.Baselines;

/// <summary>What <see cref="Popularity"/> adds up per item.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PopularityWeighting>))]
public enum PopularityWeighting
{
    /// <summary>The number of training interactions (the default).</summary>
    Count,

    /// <summary>The sum of the interaction values (plays, quantities, ratings).</summary>
    Sum,

    /// <summary>Every interaction weighs 2^(-age / half-life); needs timestamps.</summary>
    TimeDecayed,
}

/// <summary>The moment from which <see cref="PopularityWeighting.TimeDecayed"/> measures an interaction's age.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DecayReference>))]
public enum DecayReference
{
    /// <summary>The latest training timestamp, so results depend on the data only (the default).</summary>
    LatestInteraction,

    /// <summary>The current time of <see cref="FitContext.Time"/>.</summary>
    Now,
}

/// <summary>Options of <see cref="Popularity"/>.</summary>
public sealed record PopularityOptions
{
    /// <summary>What to add up per item; the interaction count by default.</summary>
    public PopularityWeighting Weighting { get; init => field = OptionGuard.Defined(value, nameof(Weighting)); } = PopularityWeighting.Count;

    /// <summary>The age, in days, at which an interaction weighs one half (time-decayed weighting only); greater than 0.</summary>
    public double HalfLifeDays { get; init => field = OptionGuard.Positive(value, nameof(HalfLifeDays)); } = 30;

    /// <summary>Where ages are measured from (time-decayed weighting only).</summary>
    public DecayReference Reference { get; init => field = OptionGuard.Defined(value, nameof(Reference)); } = DecayReference.LatestInteraction;
}

/// <summary>
/// Ranks items by how much they were used in training, the same list for every user: the
/// non-personalised baseline of every top-N benchmark (MyMediaLite <c>MostPopular</c>, Microsoft
/// Recommenders and RecBole <c>Pop</c>), optionally weighted by value or decayed with age.
/// </summary>
/// <remarks>
/// Time decay gives an interaction of age a (seconds before the reference) the weight
/// 2^(-a / (86400 * HalfLifeDays)); an interaction after the reference counts as age 0, so no
/// weight exceeds 1.
/// </remarks>
public sealed class Popularity : ScoringRecommender, IExplainer
{
    private const double SecondsPerDay = 86_400;
    private float[]? _scores;

    /// <summary>Creates an unfitted model.</summary>
    public Popularity(PopularityOptions? options = null) => Options = options ?? new PopularityOptions();

    /// <summary>The options the model was created with.</summary>
    public PopularityOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "popularity";

    /// <summary>The fitted score of every item, by item index.</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    public ReadOnlySpan<float> ItemScores => _scores ?? throw NotFitted();

    /// <inheritdoc />
    public override bool CanScore(int user) => HasHistory(user);

    /// <inheritdoc />
    public override void ScoreItems(int user, Span<float> scores)
    {
        var itemScores = ItemScores;
        ScoreGuard.CheckLength(scores, itemScores.Length);
        itemScores.CopyTo(scores);
    }

    /// <summary>One <see cref="ReasonKind.Popularity"/> reason: the item's popularity score, which is the whole score.</summary>
    public Explanation Explain(int user, int item, int maxReasons = 3)
    {
        if (!ExplainsPair(user, item))
        {
            return ExplainFallback(user, item, maxReasons);
        }

        var score = ItemScores[item];
        return new Explanation(user, item, score, Explanations.Top([new Reason(ReasonKind.Popularity, score)], maxReasons));
    }

    /// <inheritdoc />
    protected override void FitCore(Dataset train, FitContext context)
    {
        var totals = new double[train.ItemCount];
        var items = train.ItemIndexes;
        switch (Options.Weighting)
        {
            case PopularityWeighting.Count:
                foreach (var i in items)
                {
                    totals[i] += 1;
                }

                break;
            case PopularityWeighting.Sum:
                var values = train.Values;
                for (var n = 0; n < items.Length; n++)
                {
                    totals[items[n]] += values[n];
                }

                break;
            default:
                AddDecayed(train, context, totals);
                break;
        }

        _scores = Array.ConvertAll(totals, t => (float)t);
    }

    /// <inheritdoc />
    protected override object OptionsRecord => Options;

    /// <inheritdoc />
    protected override void SaveModel(ModelWriter writer) => writer.Write("itemScores", ItemScores);

    /// <inheritdoc />
    protected override void LoadModel(ModelReader reader, int userCount, int itemCount)
    {
        var scores = reader.ReadSingles("itemScores");
        _scores = scores.Length == itemCount ? scores : throw reader.Invalid("itemScores", $"{scores.Length} scores for {itemCount} items.");
    }

    private void AddDecayed(Dataset train, FitContext context, double[] totals)
    {
        if (!train.HasTimestamps)
        {
            throw new ArgumentException($"Time-decayed popularity needs timestamps, and the dataset '{train.Name}' has none; use the Count or Sum weighting.", nameof(train));
        }

        var times = train.Timestamps;
        var reference = Options.Reference == DecayReference.Now ? context.Time.GetUtcNow().ToUnixTimeSeconds() : Latest(times);
        var items = train.ItemIndexes;
        var halfLife = Options.HalfLifeDays * SecondsPerDay;
        for (var n = 0; n < items.Length; n++)
        {
            var age = Math.Max(0, reference - times[n]);
            totals[items[n]] += Math.Pow(2, -age / halfLife);
        }
    }

    private static long Latest(ReadOnlySpan<long> times)
    {
        var latest = long.MinValue;
        foreach (var t in times)
        {
            latest = Math.Max(latest, t);
        }

        return latest;
    }
}
