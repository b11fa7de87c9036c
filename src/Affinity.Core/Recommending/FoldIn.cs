namespace Affinity.Core.Recommending;

/// <summary>Top-N recommendations from a history the model was not trained on.</summary>
public static class FoldIn
{
    /// <summary>
    /// Ranks items for the history: the history's items are excluded unless
    /// <see cref="RecommendRequest.ExcludeSeen"/> is false, and the request's exclude and candidate
    /// lists apply. <see cref="RecommendRequest.User"/> is only copied to the result.
    /// </summary>
    public static RecommendationList Recommend(IFoldIn model, int itemCount, ReadOnlySpan<int> items, ReadOnlySpan<float> values, RecommendRequest request)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        if (items.Length != values.Length)
        {
            throw new ArgumentException("Every history item needs a value.", nameof(values));
        }

        var scores = new float[itemCount];
        model.ScoreHistory(items, values, scores);
        return new RecommendationList(request.User, FilteredTopK.Select(scores, items, request), RecommendationSource.Model);
    }
}
