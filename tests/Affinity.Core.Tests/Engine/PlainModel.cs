using Affinity.Core.Data;
using Affinity.Core.Recommending;

namespace Affinity.Core.Tests.Engine;

/// <summary>A model with no extra abilities: only Recommend (it delegates to an inner model).</summary>
internal sealed class PlainModel(IRecommender inner) : IRecommender
{
    public string Name => "plain";

    public bool IsFitted => inner.IsFitted;

    public void Fit(Dataset train, FitContext context) => inner.Fit(train, context);

    public RecommendationList Recommend(RecommendRequest request) => inner.Recommend(request);

    public IReadOnlyList<RecommendationList> RecommendBatch(IReadOnlyList<RecommendRequest> requests) => inner.RecommendBatch(requests);
}
