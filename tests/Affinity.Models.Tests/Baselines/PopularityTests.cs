using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Models.Baselines;
using Affinity.Models.Tests.Conformance;
using Affinity.Models.Tests.Support;
using Affinity.Testing;

namespace Affinity.Models.Tests.Baselines;

public sealed class PopularityTests : RecommenderConformanceTests
{
    private const long Day = 86_400;
    private const long Start = 1_700_000_000;

    protected override IRecommender CreateModel() => new Popularity();

    [Fact]
    public void Counts_interactions_per_item()
    {
        // TinyData: i1 by u1, u2, u4; every other item by two users.
        Assert.Equal([3f, 2f, 2f, 2f, 2f], FittedScores(new PopularityOptions(), TinyData.Ratings()));
    }

    [Fact]
    public void Sums_values_per_item()
    {
        // i1 5+4+3 = 12, i2 3+1 = 4, i3 4+5 = 9, i4 2+4 = 6, i5 5+2 = 7.
        Assert.Equal([12f, 4f, 9f, 6f, 7f], FittedScores(new PopularityOptions { Weighting = PopularityWeighting.Sum }, TinyData.Ratings()));
    }

    [Fact]
    public void Decays_from_the_latest_interaction_by_default()
    {
        // Half-life 1 day, reference = latest timestamp (day 2).
        //   a: days 0 and 1 -> 2^-2 + 2^-1 = 0.75;  b: day 2 -> 2^0 = 1.
        var options = new PopularityOptions { Weighting = PopularityWeighting.TimeDecayed, HalfLifeDays = 1 };

        Assert.Equal([0.75f, 1f], FittedScores(options, DatedData()), new ToleranceComparer(1e-6));
    }

    [Fact]
    public void Decays_from_the_clock_when_asked()
    {
        // Now = day 3, half-life 2 days: a: 2^-1.5 + 2^-1 = 0.353553 + 0.5 = 0.853553; b: 2^-0.5 = 0.707107.
        var options = new PopularityOptions { Weighting = PopularityWeighting.TimeDecayed, HalfLifeDays = 2, Reference = DecayReference.Now };
        var context = FitContext.Default with { Time = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(Start + (3 * Day))) };

        Assert.Equal([0.853553f, 0.707107f], FittedScores(options, DatedData(), context), new ToleranceComparer(1e-6));
    }

    [Fact]
    public void Interactions_after_the_clock_weigh_one()
    {
        // Now = day 1: a's day-1 interaction weighs 1, its day-0 one 1/2; b (day 2) is in the future: 1.
        var options = new PopularityOptions { Weighting = PopularityWeighting.TimeDecayed, HalfLifeDays = 1, Reference = DecayReference.Now };
        var context = FitContext.Default with { Time = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(Start + Day)) };

        Assert.Equal([1.5f, 1f], FittedScores(options, DatedData(), context), new ToleranceComparer(1e-6));
    }

    [Fact]
    public void Time_decay_without_timestamps_is_a_clear_error()
    {
        var model = new Popularity(new PopularityOptions { Weighting = PopularityWeighting.TimeDecayed });

        var error = Assert.Throws<ArgumentException>(() => model.Fit(TinyData.Checkerboard(), FitContext.Default));
        Assert.Contains("timestamps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recommends_the_most_popular_unseen_items()
    {
        var model = new Popularity(new PopularityOptions { Weighting = PopularityWeighting.Sum });
        model.Fit(TinyData.Ratings(), FitContext.Default);

        // u4 rated i1 and i5; the rest by sum: i3 9, i4 6, i2 4.
        var list = model.Recommend(new RecommendRequest(3, 3));

        Assert.Equal([2, 3, 1], list.Items.Select(s => s.Item));
        Assert.Equal([9f, 6f, 4f], list.Items.Select(s => s.Score));
    }

    [Theory]
    [InlineData("""{"weighting":"sum"}""")]
    [InlineData("""{"weighting":"timeDecayed"}""")]
    public void The_weighting_changes_the_scores(string json)
    {
        AssertChangesScores(new PopularityOptions(), json);
    }

    [Theory]
    [InlineData("""{"halfLifeDays":1}""")]
    [InlineData("""{"reference":"now"}""")]
    public void Every_decay_option_changes_the_scores(string json)
    {
        AssertChangesScores(new PopularityOptions { Weighting = PopularityWeighting.TimeDecayed, HalfLifeDays = 2 }, json);
    }

    [Fact]
    public void Invalid_options_are_refused_naming_the_option()
    {
        Assert.Equal("HalfLifeDays", Assert.Throws<ArgumentOutOfRangeException>(() => new PopularityOptions { HalfLifeDays = 0 }).ParamName);
        Assert.Equal("HalfLifeDays", Assert.Throws<ArgumentOutOfRangeException>(() => new PopularityOptions { HalfLifeDays = double.NaN }).ParamName);
        Assert.Equal("Weighting", Assert.Throws<ArgumentOutOfRangeException>(() => new PopularityOptions { Weighting = (PopularityWeighting)9 }).ParamName);
        Assert.Equal("Reference", Assert.Throws<ArgumentOutOfRangeException>(() => new PopularityOptions { Reference = (DecayReference)(-1) }).ParamName);
    }

    /// <summary>Item a at days 0 and 1 (values 2 and 3), item b at day 2 (value 4).</summary>
    private static Dataset DatedData()
    {
        var b = new DatasetBuilder("dated", FeedbackKind.Implicit);
        b.Add("u1", "a", 2, Start);
        b.Add("u2", "a", 3, Start + Day);
        b.Add("u1", "b", 4, Start + (2 * Day));
        return b.Build();
    }

    private static float[] FittedScores(PopularityOptions options, Dataset train, FitContext? context = null)
    {
        var model = new Popularity(options);
        model.Fit(train, context ?? FitContext.Default);
        return model.ItemScores.ToArray();
    }

    private static void AssertChangesScores(PopularityOptions baseline, string json)
    {
        var changed = OptionsJson.Merge(baseline, json);
        var context = FitContext.Default with { Time = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(Start + (5 * Day))) };

        Assert.NotEqual(baseline, changed);
        Assert.NotEqual(FittedScores(baseline, DatedData(), context), FittedScores(changed, DatedData(), context));
    }
}
