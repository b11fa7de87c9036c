using Affinity.Core.Data;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;

namespace Affinity.Models.Baselines;

/// <summary>Options of <see cref="RandomRecommender"/>; its only source of randomness is <see cref="FitContext.Seed"/>.</summary>
public sealed record RandomOptions;

/// <summary>
/// Gives every item a uniform random score in [0, 1): the chance level of every ranking metric
/// (RecBole <c>Random</c>, LensKit <c>Random</c>).
/// </summary>
/// <remarks>
/// The score of item i for user u is a counter-based hash of (seed, u, i) (SplitMix64 finalisers,
/// Steele, Lea and Flood, OOPSLA 2014) mapped to 24 bits, so a user's scores depend only on the seed
/// and the two indexes: the same in every call, in a batch or alone, on every thread.
/// </remarks>
public sealed class RandomRecommender : ScoringRecommender, IExplainer
{
    private const ulong Golden = 0x9E3779B97F4A7C15;
    private int? _seed;

    /// <summary>Creates an unfitted model.</summary>
    public RandomRecommender(RandomOptions? options = null) => Options = options ?? new RandomOptions();

    /// <summary>The options the model was created with.</summary>
    public RandomOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "random";

    /// <inheritdoc />
    public override bool CanScore(int user) => HasHistory(user);

    /// <inheritdoc />
    public override void ScoreItems(int user, Span<float> scores)
    {
        var seed = _seed ?? throw NotFitted();
        ScoreGuard.CheckLength(scores, ItemCount);
        var stream = Mix(((ulong)(uint)seed << 32) | (uint)user);
        for (var i = 0; i < scores.Length; i++)
        {
            // The top 24 bits fill a float mantissa exactly, so every score is a multiple of 2^-24 below 1.
            scores[i] = (Mix(stream + ((ulong)(i + 1) * Golden)) >> 40) * (1f / (1 << 24));
        }
    }

    /// <summary>The item's random score and no reasons: nothing about the user or the item made it, so no reason would be honest.</summary>
    public Explanation Explain(int user, int item, int maxReasons = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxReasons);
        if (!ExplainsPair(user, item))
        {
            return ExplainFallback(user, item, maxReasons);
        }

        var scores = new float[ItemCount];
        ScoreItems(user, scores);
        return new Explanation(user, item, scores[item], []);
    }

    /// <inheritdoc />
    protected override void FitCore(Dataset train, FitContext context)
    {
        _seed = context.Seed;
    }

    /// <inheritdoc />
    protected override object OptionsRecord => Options;

    /// <inheritdoc />
    protected override void SaveModel(ModelWriter writer) => writer.Write("seed", [_seed ?? throw NotFitted()]);

    /// <inheritdoc />
    protected override void LoadModel(ModelReader reader, int userCount, int itemCount)
    {
        var seed = reader.ReadInt32s("seed");
        _seed = seed.Length == 1 ? seed[0] : throw reader.Invalid("seed", "expected one seed.");
    }

    /// <summary>The SplitMix64 output function: a bijective mix of all 64 bits.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
