using Affinity.Core.Recommending;
using Affinity.Models.Baselines;
using Affinity.Models.Tests.Conformance;
using Affinity.Testing;

namespace Affinity.Models.Tests.Baselines;

public sealed class GlobalMeanTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new GlobalMean();

    [Fact]
    public void Predicts_the_training_mean_everywhere()
    {
        // TinyData ratings: 5+3+4 + 4+5+2 + 1+4+5 + 3+2 = 38 over 11 ratings.
        var model = new GlobalMean();
        model.Fit(TinyData.Ratings(), FitContext.Default);

        Assert.Equal(38.0 / 11, model.Mean, 12);
        Assert.Equal(38f / 11, model.Predict(0, 0), 6);
        Assert.Equal(38f / 11, model.Predict(-1, 99), 6);
    }

    [Fact]
    public void Ranks_unseen_items_by_index_with_the_mean_as_score()
    {
        var model = new GlobalMean();
        model.Fit(TinyData.Ratings(), FitContext.Default);

        // u4 (3) rated i1 (0) and i5 (4).
        var list = model.Recommend(new RecommendRequest(3, 10));

        Assert.Equal([1, 2, 3], list.Items.Select(s => s.Item));
        Assert.All(list.Items, s => Assert.Equal(38f / 11, s.Score, 6));
    }

    [Fact]
    public void An_empty_training_set_is_refused()
    {
        var empty = TinyData.Ratings().Subset([]);

        Assert.Throws<ArgumentException>(() => new GlobalMean().Fit(empty, FitContext.Default));
    }
}
