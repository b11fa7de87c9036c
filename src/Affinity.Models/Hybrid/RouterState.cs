using Affinity.Core.Recommending;

namespace Affinity.Models.Hybrid;

/// <summary>What a fitted <see cref="Router"/> holds: its fitted members and what it knows of the training data.</summary>
internal sealed class RouterState
{
    private RouterState(IRecommender warm, IRecommender cold, IRecommender fallback, int[] historyLengths, int[] itemCounts, int[] newItems, bool[] isNew, float[] fallbackScores)
    {
        Warm = warm;
        Cold = cold;
        Fallback = fallback;
        HistoryLengths = historyLengths;
        ItemCounts = itemCounts;
        NewItems = newItems;
        IsNew = isNew;
        FallbackScores = fallbackScores;
    }

    public IRecommender Warm { get; }

    public IRecommender Cold { get; }

    public IRecommender Fallback { get; }

    /// <summary>The training interactions of every training user.</summary>
    public int[] HistoryLengths { get; }

    /// <summary>The training interactions of every item.</summary>
    public int[] ItemCounts { get; }

    /// <summary>The items without training interactions, ascending.</summary>
    public int[] NewItems { get; }

    /// <summary>Whether each item is new.</summary>
    public bool[] IsNew { get; }

    /// <summary>The fallback model's score of every item for an unknown user (the fold-in fallback).</summary>
    public float[] FallbackScores { get; }

    public int ItemCount => ItemCounts.Length;

    public static RouterState Of(IRecommender warm, IRecommender cold, IRecommender fallback, int[] historyLengths, int[] itemCounts)
    {
        var isNew = new bool[itemCounts.Length];
        var newItems = new List<int>();
        for (var i = 0; i < itemCounts.Length; i++)
        {
            if (itemCounts[i] == 0)
            {
                isNew[i] = true;
                newItems.Add(i);
            }
        }

        // The fallback's list for a user it has never seen covers every item with its unknown-user
        // scores; items it leaves out (none, for the catalogue's models) rank last.
        var fallbackScores = new float[itemCounts.Length];
        Array.Fill(fallbackScores, float.MinValue);
        foreach (var scored in fallback.Recommend(new RecommendRequest(-1, itemCounts.Length) { ExcludeSeen = false }).Items)
        {
            if ((uint)scored.Item < (uint)fallbackScores.Length)
            {
                fallbackScores[scored.Item] = scored.Score;
            }
        }

        return new RouterState(warm, cold, fallback, historyLengths, itemCounts, [.. newItems], isNew, fallbackScores);
    }
}
