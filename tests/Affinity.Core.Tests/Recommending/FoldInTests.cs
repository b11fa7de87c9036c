using Affinity.Core.Data;
using Affinity.Core.Recommending;

namespace Affinity.Core.Tests.Recommending;

public sealed class FoldInTests
{
    /// <summary>Scores item i as i + the sum of the history's values, so the order is known: higher index first.</summary>
    private sealed class IndexScorer : IFoldIn
    {
        public string Name => "index";

        public bool IsFitted => true;

        public void Fit(Dataset train, FitContext context)
        {
        }

        public RecommendationList Recommend(RecommendRequest request) => throw new NotSupportedException();

        public IReadOnlyList<RecommendationList> RecommendBatch(IReadOnlyList<RecommendRequest> requests) => throw new NotSupportedException();

        public void ScoreHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> scores)
        {
            var total = 0f;
            foreach (var v in values)
            {
                total += v;
            }

            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = i + total;
            }
        }
    }

    [Fact]
    public void History_items_are_excluded_by_default_and_the_rest_ranked_best_first()
    {
        var list = FoldIn.Recommend(new IndexScorer(), 6, [5, 2], [1f, 1f], new RecommendRequest(7, 3));

        Assert.Equal([4, 3, 1], list.Items.Select(s => s.Item));
        Assert.Equal([6f, 5f, 3f], list.Items.Select(s => s.Score));
        Assert.Equal(7, list.User);
        Assert.False(list.IsFallback);
    }

    [Fact]
    public void Exclude_candidates_and_include_seen_apply_as_in_recommend()
    {
        var request = new RecommendRequest(0, 10) { ExcludeSeen = false, Exclude = [4], Candidates = [5, 4, 1, 99] };

        var list = FoldIn.Recommend(new IndexScorer(), 6, [5], [2f], request);

        Assert.Equal([5, 1], list.Items.Select(s => s.Item));
    }

    [Fact]
    public void Items_and_values_must_align()
    {
        Assert.Throws<ArgumentException>(() => FoldIn.Recommend(new IndexScorer(), 6, [1, 2], [1f], new RecommendRequest(0, 3)));
    }
}
