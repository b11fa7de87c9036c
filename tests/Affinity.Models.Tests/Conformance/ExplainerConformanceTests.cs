using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Testing;

namespace Affinity.Models.Tests.Conformance;

/// <summary>
/// The contract of <see cref="IExplainer"/>, checked for every conformance class whose model explains:
/// reasons strongest first and no more than asked, history reasons from the user's own history, the
/// score the model ranks by, the fallback's reason where the model cannot score, and (the issue's
/// requirement) that removing the top contributing history item lowers the item's fold-in score.
/// </summary>
public abstract partial class RecommenderConformanceTests
{
    [Fact]
    public void Explanations_are_sorted_bounded_and_point_into_the_users_history()
    {
        if (Fitted() is not IExplainer model)
        {
            return;
        }

        var train = TrainingData();
        foreach (var max in new[] { 0, 1, 3, 100 })
        {
            for (var u = 0; u < train.UserCount; u++)
            {
                var history = train.ByUser.RowColumns(u).ToArray();
                for (var i = 0; i < train.ItemCount; i++)
                {
                    var explanation = model.Explain(u, i, max);

                    Assert.Equal((u, i), (explanation.User, explanation.Item));
                    Assert.True(explanation.Reasons.Count <= max, $"{explanation.Reasons.Count} reasons for at most {max}");
                    for (var r = 1; r < explanation.Reasons.Count; r++)
                    {
                        Assert.True(explanation.Reasons[r].Weight <= explanation.Reasons[r - 1].Weight, $"user {u}, item {i}: reasons out of order");
                    }

                    var historyReasons = explanation.Reasons.Where(r => r.Kind == ReasonKind.HistoryItem).Select(r => r.Item).ToList();
                    Assert.All(historyReasons, h => Assert.Contains(h, history));
                    Assert.Equal(historyReasons.Count, historyReasons.Distinct().Count());
                    Assert.All(explanation.Reasons, r => Assert.True(float.IsFinite(r.Weight)));
                }
            }
        }
    }

    [Fact]
    public void An_explanations_score_is_the_score_the_model_ranks_by()
    {
        if (Fitted() is not IExplainer model)
        {
            return;
        }

        var train = TrainingData();
        for (var u = 0; u < train.UserCount; u++)
        {
            if (train.ByUser.RowLength(u) == 0)
            {
                continue;
            }

            foreach (var scored in model.Recommend(new RecommendRequest(u, train.ItemCount) { ExcludeSeen = false }).Items)
            {
                var score = model.Explain(u, scored.Item).Score;
                Assert.True(Math.Abs(score - scored.Score) <= 1e-4 * Math.Max(1, Math.Abs(scored.Score)), $"user {u}, item {scored.Item}: explained {score}, ranked {scored.Score}");
            }
        }
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(1_000, 0)]
    [InlineData(ConformanceData.IdleUser, 0)]
    [InlineData(0, ConformanceData.IdleItem + 1)]
    [InlineData(0, -1)]
    public void A_pair_the_model_cannot_score_is_explained_by_popularity(int user, int item)
    {
        if (Fitted() is not IExplainer model)
        {
            return;
        }

        var explanation = model.Explain(user, item);

        Assert.Equal((user, item), (explanation.User, explanation.Item));
        Assert.Equal(ReasonKind.Popularity, Assert.Single(explanation.Reasons).Kind);
        Assert.Empty(model.Explain(user, item, maxReasons: 0).Reasons);
    }

    [Fact]
    public void A_negative_reason_count_is_rejected()
    {
        if (Fitted() is not IExplainer model)
        {
            return;
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => model.Explain(0, 3, -1));
    }

    /// <summary>
    /// Whether the model's explanation decomposes its own fold-in (<see cref="IFoldIn.ScoreHistory"/>), so
    /// that removing the top contributing item must lower that fold-in's score. A model whose explanation
    /// decomposes a stand-in (BPR: the least-squares fold-in, while its own fold-in is stochastic gradient
    /// ascent) says false and pins its decomposition in its own tests.
    /// </summary>
    protected virtual bool ExplainsItsFoldIn => true;

    [Fact]
    public void Removing_the_top_contributing_history_item_lowers_the_fold_in_score()
    {
        if (!ExplainsItsFoldIn || Fitted() is not IExplainer model || model is not IFoldIn)
        {
            return;
        }

        CheckRemoval(model, TrainingData());
        if (LearnsCollaborativeStructure)
        {
            // On the checkerboard every user's top item has a history reason, so the check cannot pass vacuously.
            var checkerboard = TinyData.Checkerboard(5);
            var collaborative = CreateModel();
            collaborative.Fit(checkerboard, FitContext.Default);
            Assert.Equal(checkerboard.UserCount, CheckRemoval((IExplainer)collaborative, checkerboard));
        }
    }

    /// <summary>
    /// For every user with two or more history items, the highest ranked unseen item whose explanation
    /// names a history item that raised its score: scoring the history without that item through
    /// <see cref="IFoldIn.ScoreHistory"/> must lower the item's score. Returns how many users were checked.
    /// </summary>
    private static int CheckRemoval(IExplainer model, Dataset train)
    {
        var foldIn = (IFoldIn)model;
        var checkedUsers = 0;
        var touched = train.ItemCounts().Select(c => c > 0).ToArray();
        for (var u = 0; u < train.UserCount; u++)
        {
            var history = train.ByUser.RowColumns(u).ToArray();
            var values = train.ByUser.RowValues(u).ToArray();
            if (history.Length < 2)
            {
                continue;
            }

            var explained = model.Recommend(new RecommendRequest(u, train.ItemCount)).Items
                .Where(s => touched[s.Item])
                .Select(s => (s.Item, Top: model.Explain(u, s.Item, int.MaxValue).Reasons.FirstOrDefault(r => r.Kind == ReasonKind.HistoryItem && r.Weight > 0)))
                .FirstOrDefault(e => e.Top is not null);
            if (explained.Top is not { } top)
            {
                continue;
            }

            var full = new float[train.ItemCount];
            try
            {
                foldIn.ScoreHistory(history, values, full);
            }
            catch (InvalidOperationException)
            {
                // A composite whose members cannot fold in (a blend with a bias member) has no fold-in to check.
                return 0;
            }

            var keep = Array.FindAll(Enumerable.Range(0, history.Length).ToArray(), k => history[k] != top.Item);
            var reduced = new float[train.ItemCount];
            foldIn.ScoreHistory(Array.ConvertAll(keep, k => history[k]), Array.ConvertAll(keep, k => values[k]), reduced);

            Assert.True(reduced[explained.Item] < full[explained.Item], $"user {u}, item {explained.Item}: without history item {top.Item} the score went from {full[explained.Item]} to {reduced[explained.Item]}");
            checkedUsers++;
        }

        return checkedUsers;
    }
}
