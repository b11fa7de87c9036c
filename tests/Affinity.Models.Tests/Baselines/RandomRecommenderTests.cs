using System.Globalization;
using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Models.Baselines;
using Affinity.Models.Tests.Conformance;
using Affinity.Testing;

namespace Affinity.Models.Tests.Baselines;

public sealed class RandomRecommenderTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new RandomRecommender();

    [Fact]
    public void Scores_are_uniform_in_the_unit_interval()
    {
        var model = Fit(seed: 1, WideCatalogue(1_000));
        var scores = new float[model.ItemCount];
        model.ScoreItems(3, scores);

        // 1000 uniform draws: the mean is within 0.5 +- 0.05 (over five standard errors of 0.0091).
        Assert.All(scores, s => Assert.InRange(s, 0f, 0.99999994f));
        Assert.InRange(scores.Average(), 0.45, 0.55);
        Assert.True(scores.Distinct().Count() > 990);
    }

    [Fact]
    public void Another_seed_or_another_user_gives_other_scores()
    {
        var data = TinyData.Checkerboard();
        var first = Scores(Fit(seed: 1, data), user: 0);

        Assert.Equal(first, Scores(Fit(seed: 1, data), user: 0));
        Assert.NotEqual(first, Scores(Fit(seed: 2, data), user: 0));
        Assert.NotEqual(first, Scores(Fit(seed: 1, data), user: 1));
    }

    [Fact]
    public void Scores_do_not_depend_on_the_training_data()
    {
        // Determinism per (seed, user): refitting on other data of the same size keeps the scores.
        Assert.Equal(Scores(Fit(seed: 5, TinyData.Checkerboard()), user: 2), Scores(Fit(seed: 5, TinyData.Checkerboard().Subset([0, 1, 2])), user: 2));
    }

    /// <summary>One user with one interaction in a catalogue of <paramref name="items"/> items.</summary>
    private static Dataset WideCatalogue(int items)
    {
        var b = new DatasetBuilder("wide", FeedbackKind.Implicit);
        for (var i = 0; i < items; i++)
        {
            b.AddItem(i.ToString(CultureInfo.InvariantCulture));
        }

        b.Add("u", "0", 1);
        return b.Build();
    }

    private static RandomRecommender Fit(int seed, Dataset data)
    {
        var model = new RandomRecommender();
        model.Fit(data, FitContext.Default with { Seed = seed });
        return model;
    }

    private static float[] Scores(RandomRecommender model, int user)
    {
        var scores = new float[model.ItemCount];
        model.ScoreItems(user, scores);
        return scores;
    }
}
