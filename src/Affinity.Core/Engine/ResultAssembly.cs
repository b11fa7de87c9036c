namespace Affinity.Core.Engine;

/// <summary>One placed item before it becomes an <see cref="EngineItem"/>.</summary>
internal readonly record struct Placed(int Item, float Score, AppliedRules Rules);

/// <summary>Diversity re-ranking of the pool, then the pins: the last two steps of a request.</summary>
internal static class ResultAssembly
{
    /// <summary>
    /// Takes <paramref name="organic"/> items from the pool (re-ranked by MMR when <paramref name="diversity"/>
    /// is set), then inserts each pin, in position order, at its position or at the end when the list is shorter.
    /// </summary>
    /// <param name="pool">The candidates, best first.</param>
    /// <param name="organic">How many items the pool contributes.</param>
    /// <param name="pins">The pins to place, by ascending position.</param>
    /// <param name="diversity">MMR's λ, or null.</param>
    /// <param name="similarity">The item similarity for MMR.</param>
    /// <param name="pinScore">A pinned item's score.</param>
    public static List<Placed> Assemble(CandidatePool pool, int organic, ReadOnlySpan<(int Item, int Position)> pins, double? diversity, IItemSimilarity similarity, Func<int, (float Score, AppliedRules Rules)> pinScore)
    {
        var placed = new List<Placed>(organic + pins.Length);
        var take = Math.Min(organic, pool.Count);
        if (diversity is { } lambda)
        {
            var order = new int[take];
            var found = MaximalMarginalRelevance.Rerank(pool.Items.AsSpan(0, pool.Count), pool.Scores.AsSpan(0, pool.Count), lambda, similarity, order);
            for (var t = 0; t < found; t++)
            {
                var p = order[t];
                var moved = p != t ? AppliedRules.Diversified : AppliedRules.None;
                placed.Add(new Placed(pool.Items[p], pool.Scores[p], pool.Rules[p] | moved));
            }
        }
        else
        {
            for (var t = 0; t < take; t++)
            {
                placed.Add(new Placed(pool.Items[t], pool.Scores[t], pool.Rules[t]));
            }
        }

        foreach (var (item, position) in pins)
        {
            var (score, rules) = pinScore(item);
            placed.Insert(Math.Min(position, placed.Count), new Placed(item, score, rules | AppliedRules.Pinned));
        }

        return placed;
    }
}
