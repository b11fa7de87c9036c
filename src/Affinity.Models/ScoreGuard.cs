namespace Affinity.Models;

/// <summary>Argument checks shared by the <c>ScoreItems</c> implementations.</summary>
internal static class ScoreGuard
{
    /// <summary>Throws when the score buffer does not hold exactly one slot per item.</summary>
    public static void CheckLength(Span<float> scores, int itemCount)
    {
        if (scores.Length != itemCount)
        {
            throw new ArgumentException($"The score buffer has {scores.Length} slots for {itemCount} items.", nameof(scores));
        }
    }
}
