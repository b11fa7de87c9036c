using Affinity.Core.Data;
using Affinity.Core.Kernels;

namespace Affinity.Core.Recommending;

/// <summary>
/// The shared recommend machinery for models that score every item: filters (seen items, exclude
/// list, candidate list), top-K selection, the batch form, and the popularity fallback for users
/// the model cannot score. A model only implements <see cref="FitCore"/>, <see cref="CanScore"/>
/// and <see cref="ScoreItems"/>.
/// </summary>
public abstract class ScoringRecommender : IItemScorer
{
    private CsrMatrix? _seen;
    private float[]? _fallbackScores;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public bool IsFitted => _seen is not null;

    /// <summary>The number of users the model was fitted on.</summary>
    public int UserCount => _seen?.RowCount ?? 0;

    /// <summary>The number of items the model was fitted on.</summary>
    public int ItemCount => _seen?.ColumnCount ?? 0;

    /// <summary>The training interactions by user (what "seen" means).</summary>
    protected CsrMatrix Seen => _seen ?? throw NotFitted();

    /// <inheritdoc />
    public void Fit(Dataset train, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(context);
        FitCore(train, context);
        var counts = train.ItemCounts();
        _fallbackScores = Array.ConvertAll(counts, c => (float)c);
        _seen = train.ByUser;
    }

    /// <summary>Learns the model's parameters.</summary>
    protected abstract void FitCore(Dataset train, FitContext context);

    /// <inheritdoc />
    public abstract bool CanScore(int user);

    /// <inheritdoc />
    public abstract void ScoreItems(int user, Span<float> scores);

    /// <inheritdoc />
    public RecommendationList Recommend(RecommendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var seen = Seen;
        var knownUser = (uint)request.User < (uint)seen.RowCount;
        var scoredByModel = knownUser && CanScore(request.User);
        var scores = new float[seen.ColumnCount];
        if (scoredByModel)
        {
            ScoreItems(request.User, scores);
        }
        else
        {
            _fallbackScores!.CopyTo(scores, 0);
        }

        var skip = new bool[scores.Length];
        if (request.ExcludeSeen && knownUser)
        {
            foreach (var item in seen.RowColumns(request.User))
            {
                skip[item] = true;
            }
        }

        MarkItems(skip, request.Exclude, value: true);
        if (request.Candidates is not null)
        {
            var allowed = new bool[scores.Length];
            MarkItems(allowed, request.Candidates, value: true);
            for (var i = 0; i < skip.Length; i++)
            {
                skip[i] |= !allowed[i];
            }
        }

        var k = Math.Min(request.Count, scores.Length);
        var items = new int[k];
        var itemScores = new float[k];
        var found = TopK.Select(scores, skip, items, itemScores);
        var list = new ScoredItem[found];
        for (var i = 0; i < found; i++)
        {
            list[i] = new ScoredItem(items[i], itemScores[i]);
        }

        return new RecommendationList(request.User, list, scoredByModel ? RecommendationSource.Model : RecommendationSource.Fallback);
    }

    /// <inheritdoc />
    public IReadOnlyList<RecommendationList> RecommendBatch(IReadOnlyList<RecommendRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        _ = Seen; // Fail before fanning out, so a model used unfitted throws InvalidOperationException, not AggregateException.
        var results = new RecommendationList[requests.Count];
        Parallel.For(0, requests.Count, i => results[i] = Recommend(requests[i]));
        return results;
    }

    /// <summary>The error thrown when the model is used before <see cref="Fit"/>.</summary>
    protected InvalidOperationException NotFitted() => new($"The model '{Name}' must be fitted first.");

    private static void MarkItems(bool[] flags, IReadOnlyCollection<int>? items, bool value)
    {
        if (items is null)
        {
            return;
        }

        foreach (var item in items)
        {
            if ((uint)item < (uint)flags.Length)
            {
                flags[item] = value;
            }
        }
    }
}
