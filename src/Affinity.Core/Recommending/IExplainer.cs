namespace Affinity.Core.Recommending;

/// <summary>
/// A model that can say why it scores an item for a user: the reasons behind one recommendation,
/// strongest first. Indexes are the dense indexes of the training data; turning them into titles
/// and sentences is the hosts' job.
/// </summary>
public interface IExplainer : IRecommender
{
    /// <summary>
    /// The reasons behind the score of <paramref name="item"/> for <paramref name="user"/>, at most
    /// <paramref name="maxReasons"/>, strongest first. A user or item the model knows nothing of gets
    /// an explanation with the reason the fallback applies (<see cref="ReasonKind.Popularity"/>), never an exception.
    /// </summary>
    Explanation Explain(int user, int item, int maxReasons = 3);
}
