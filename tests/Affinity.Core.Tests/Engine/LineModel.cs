using Affinity.Core.Data;
using Affinity.Core.Kernels;
using Affinity.Core.Recommending;

namespace Affinity.Core.Tests.Engine;

/// <summary>
/// A deterministic model whose every score is checkable by hand: items sit on a line, each history
/// item h with value v adds v to its two neighbours h−1 and h+1, and every item has a small bias,
/// 0.01 · (n − i) (descending) or 0.01 · (i + 1) (ascending). Scores for a history H:
/// s(i) = bias(i) + Σ_{h ∈ H, |h − i| = 1} v_h.
/// </summary>
internal sealed class LineModel(bool ascending = false) : IFoldIn, IExplainer, ISimilarItems
{
    private CsrMatrix? _seen;
    private float[] _popularity = [];
    private int _recommendCalls;
    private int _foldIns;

    public string Name => ascending ? "line-up" : "line";

    public bool IsFitted => _seen is not null;

    public int RecommendCalls => Volatile.Read(ref _recommendCalls);

    public int FoldIns => Volatile.Read(ref _foldIns);

    /// <summary>The last history <see cref="ScoreHistory"/> received, as "item=value" pairs.</summary>
    public string LastHistory { get; private set; } = "";

    private CsrMatrix Seen => _seen ?? throw new InvalidOperationException("Not fitted.");

    private int ItemCount => Seen.ColumnCount;

    public void Fit(Dataset train, FitContext context)
    {
        _seen = train.ByUser;
        var counts = train.ItemCounts();
        _popularity = Array.ConvertAll(counts, c => (float)c);
    }

    public float Bias(int item) => ascending ? 0.01f * (item + 1) : 0.01f * (ItemCount - item);

    public void ScoreHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> scores)
    {
        Interlocked.Increment(ref _foldIns);
        var pairs = new List<string>();
        for (var k = 0; k < items.Length; k++)
        {
            pairs.Add(FormattableString.Invariant($"{items[k]}={values[k]}"));
        }

        LastHistory = string.Join(' ', pairs);
        Score(items, values, scores);
    }

    public RecommendationList Recommend(RecommendRequest request)
    {
        Interlocked.Increment(ref _recommendCalls);
        var seen = Seen;
        var known = (uint)request.User < (uint)seen.RowCount && seen.RowLength(request.User) > 0;
        var scores = new float[ItemCount];
        if (known)
        {
            Score(seen.RowColumns(request.User), seen.RowValues(request.User), scores);
        }
        else
        {
            _popularity.CopyTo(scores, 0);
        }

        var skip = new bool[ItemCount];
        if (request.Candidates is not null)
        {
            Array.Fill(skip, true);
            foreach (var c in request.Candidates)
            {
                skip[c] = false;
            }
        }

        if (known && request.ExcludeSeen)
        {
            foreach (var s in seen.RowColumns(request.User))
            {
                skip[s] = true;
            }
        }

        foreach (var e in request.Exclude ?? [])
        {
            skip[e] = true;
        }

        var k = Math.Min(request.Count, ItemCount);
        var top = new int[k];
        var topScores = new float[k];
        var found = TopK.Select(scores, skip, top, topScores);
        var list = new ScoredItem[found];
        for (var i = 0; i < found; i++)
        {
            list[i] = new ScoredItem(top[i], topScores[i]);
        }

        return new RecommendationList(request.User, list, known ? RecommendationSource.Model : RecommendationSource.Fallback);
    }

    public IReadOnlyList<RecommendationList> RecommendBatch(IReadOnlyList<RecommendRequest> requests)
    {
        var lists = new RecommendationList[requests.Count];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = Recommend(requests[i]);
        }

        return lists;
    }

    public Explanation Explain(int user, int item, int maxReasons = 3)
    {
        var reasons = new List<Reason>();
        var row = Seen.RowColumns(user);
        var values = Seen.RowValues(user);
        var score = Bias(item);
        for (var k = 0; k < row.Length; k++)
        {
            if (Math.Abs(row[k] - item) == 1)
            {
                reasons.Add(new Reason(ReasonKind.HistoryItem, values[k], row[k]));
                score += values[k];
            }
        }

        return new Explanation(user, item, score, reasons.Take(maxReasons).ToArray());
    }

    /// <summary>The neighbours on the line, similarity 1, lower index first.</summary>
    public IReadOnlyList<ScoredItem> SimilarItems(int item, int count)
    {
        var list = new List<ScoredItem>();
        foreach (var j in new[] { item - 1, item + 1 })
        {
            if (j >= 0 && j < ItemCount && list.Count < count)
            {
                list.Add(new ScoredItem(j, 1f));
            }
        }

        return list;
    }

    private void Score(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> scores)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = Bias(i);
        }

        for (var k = 0; k < items.Length; k++)
        {
            var h = items[k];
            if (h > 0)
            {
                scores[h - 1] += values[k];
            }

            if (h + 1 < scores.Length)
            {
                scores[h + 1] += values[k];
            }
        }
    }
}
