using Affinity.Core.Data;

namespace Affinity.Core.Recommending;

/// <summary>
/// A model that learns from a <see cref="Dataset"/> and ranks items for users. All indexes are the
/// dense indexes of the dataset it was fitted on. Extra abilities are separate interfaces
/// (<see cref="IRatingPredictor"/>, ...).
/// </summary>
public interface IRecommender
{
    /// <summary>The registered model name ("bias", "popularity").</summary>
    string Name { get; }

    /// <summary>Whether <see cref="Fit"/> has run.</summary>
    bool IsFitted { get; }

    /// <summary>Learns from the training data.</summary>
    void Fit(Dataset train, FitContext context);

    /// <summary>Ranks items for one user. An unknown user gets a flagged fallback list, never an exception.</summary>
    RecommendationList Recommend(RecommendRequest request);

    /// <summary>Ranks items for many users; element <c>i</c> equals <c>Recommend(requests[i])</c>.</summary>
    IReadOnlyList<RecommendationList> RecommendBatch(IReadOnlyList<RecommendRequest> requests);
}

/// <summary>A model that predicts the rating a user would give an item.</summary>
public interface IRatingPredictor : IRecommender
{
    /// <summary>The predicted rating; unknown users or items get the model's best default (a bias or the mean).</summary>
    float Predict(int user, int item);
}

/// <summary>A model that can score every item for a user, the basis of full ranking.</summary>
public interface IItemScorer : IRecommender
{
    /// <summary>Whether the model knows anything about the user (otherwise the fallback applies).</summary>
    bool CanScore(int user);

    /// <summary>Writes a score for every item into <paramref name="scores"/> (length = item count); higher is better.</summary>
    void ScoreItems(int user, Span<float> scores);
}
