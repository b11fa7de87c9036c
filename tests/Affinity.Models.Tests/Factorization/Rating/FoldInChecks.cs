using Affinity.Core.Data;
using Affinity.Core.Recommending;

namespace Affinity.Models.Tests.Factorization.Rating;

/// <summary>Checks that fold-in of a history the model was trained on lands near the model's own scores.</summary>
internal static class FoldInChecks
{
    /// <summary>For every training user, the folded-in scores correlate above 0.9 with the learned ones and stay close on average.</summary>
    public static void AssertApproximatesLearnedScores(IFoldIn model, Dataset train, double maxMeanGap = 0.25)
    {
        var scorer = (IItemScorer)model;
        for (var u = 0; u < train.UserCount; u++)
        {
            var (items, values) = RatingData.History(train, u);
            var learned = new float[train.ItemCount];
            var folded = new float[train.ItemCount];
            scorer.ScoreItems(u, learned);
            model.ScoreHistory(items, values, folded);

            var correlation = RatingData.Correlation(learned, folded);
            var meanGap = learned.Zip(folded, (a, b) => Math.Abs(a - b)).Average();
            Assert.True(correlation > 0.9, $"user {u}: correlation {correlation}");
            Assert.True(meanGap < maxMeanGap, $"user {u}: mean gap {meanGap}");
        }
    }
}
