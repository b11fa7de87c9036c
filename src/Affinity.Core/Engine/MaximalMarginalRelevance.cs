using System.Buffers;

namespace Affinity.Core.Engine;

/// <summary>
/// Maximal marginal relevance (Carbonell and Goldstein, "The use of MMR, diversity-based reranking for
/// reordering documents and producing summaries", SIGIR 1998): each next item maximises
/// <c>λ · rel(i) − (1 − λ) · max_{j selected} sim(i, j)</c>. Relevance is the candidate's score
/// min-max scaled to [0, 1] over the pool (so λ weighs two quantities on the same scale; all equal
/// scores give 1); the penalty of the first pick, with nothing selected, is 0. Ties go to the item that
/// ranks higher in the pool, so λ = 1 returns the pool's own order.
/// </summary>
internal static class MaximalMarginalRelevance
{
    /// <summary>Writes into <paramref name="order"/> the pool positions of the selected items, in selection order; returns how many.</summary>
    /// <param name="items">The pool's items, best score first.</param>
    /// <param name="scores">Their scores, descending.</param>
    /// <param name="lambda">λ in [0, 1].</param>
    /// <param name="similarity">The item similarity.</param>
    /// <param name="order">Receives the selection; its length is how many to select at most.</param>
    public static int Rerank(ReadOnlySpan<int> items, ReadOnlySpan<float> scores, double lambda, IItemSimilarity similarity, Span<int> order)
    {
        var n = items.Length;
        var take = Math.Min(order.Length, n);
        if (take == 0)
        {
            return 0;
        }

        var max = scores[0];
        var min = scores[n - 1];
        var range = max - min;
        var penaltyArray = ArrayPool<float>.Shared.Rent(n);
        var chosenArray = ArrayPool<bool>.Shared.Rent(n);
        try
        {
            var penalty = penaltyArray.AsSpan(0, n);
            var chosen = chosenArray.AsSpan(0, n);
            penalty.Clear();
            chosen.Clear();
            for (var t = 0; t < take; t++)
            {
                var best = -1;
                var bestValue = double.NegativeInfinity;
                for (var i = 0; i < n; i++)
                {
                    if (chosen[i])
                    {
                        continue;
                    }

                    var relevance = range > 0 ? (scores[i] - min) / range : 1.0;
                    var value = (lambda * relevance) - ((1 - lambda) * penalty[i]);
                    if (value > bestValue)
                    {
                        best = i;
                        bestValue = value;
                    }
                }

                order[t] = best;
                chosen[best] = true;
                var picked = items[best];
                for (var i = 0; i < n && lambda < 1; i++)
                {
                    if (!chosen[i])
                    {
                        var s = similarity.Similarity(picked, items[i]);
                        penalty[i] = t == 0 ? s : Math.Max(penalty[i], s);
                    }
                }
            }

            return take;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(penaltyArray);
            ArrayPool<bool>.Shared.Return(chosenArray);
        }
    }
}
