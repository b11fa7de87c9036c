using Affinity.Core.Cleaning;
using Affinity.Core.Data;
using Affinity.Testing;

namespace Affinity.Core.Tests.Cleaning;

public sealed class CleaningPipelineTests
{
    // An event log: u1 views then buys i1 and views i2; u2 views i1 twice and i2 once; u3 clicks i3.
    private static Dataset Log()
    {
        var b = new DatasetBuilder("shop", FeedbackKind.Implicit);
        (string U, string I, long T, string E)[] rows =
        [
            ("u1", "i1", 1, "view"), ("u1", "i1", 2, "purchase"), ("u1", "i2", 3, "view"),
            ("u2", "i1", 4, "view"), ("u2", "i1", 5, "view"), ("u2", "i2", 6, "view"),
            ("u3", "i3", 7, "click"),
        ];
        foreach (var (u, i, t, e) in rows)
        {
            b.Add(u, i, 1, t, e);
        }

        return b.Build();
    }

    [Fact]
    public void Runs_the_steps_in_order_and_reports_each()
    {
        var pipeline = new CleaningPipeline(
        [
            new EventWeightStep(EventWeights.Default),
            new DeduplicateStep(DuplicatePolicy.Sum),
            new KCoreStep(2, 2),
        ]);

        var result = pipeline.Run(Log());

        // Weights: u1 i1 = 1 + 8 = 9, u1 i2 = 1, u2 i1 = 1 + 1 = 2, u2 i2 = 1, u3 i3 = 2;
        // the 2-core drops u3 (one pair) and with it i3.
        Assert.Equal(["u1 i1 9 t2 purchase", "u1 i2 1 t3 view", "u2 i1 2 t5 view", "u2 i2 1 t6 view"], Rows.Of(result.Dataset));
        Assert.Equal(
            [
                new CleaningStepReport("weight events as implicit feedback: view=1, click=2, cart=4, purchase=8; others rejected", 7, 7, 3, 3),
                new CleaningStepReport("deduplicate (user, item) pairs: value = sum of values, latest timestamp", 7, 5, 3, 3),
                new CleaningStepReport("k-core: repeat until every user has >= 2 and every item >= 2 interactions", 5, 4, 2, 2),
            ],
            result.Steps);
        Assert.Equal(
            "k-core: repeat until every user has >= 2 and every item >= 2 interactions: 5 -> 4 rows (2 users, 2 items)",
            result.Steps[2].ToString());
    }

    [Fact]
    public void An_empty_pipeline_passes_the_data_through()
    {
        var tiny = TinyData.Ratings();

        var result = new CleaningPipeline([]).Run(tiny);

        Assert.Same(tiny, result.Dataset);
        Assert.Empty(result.Steps);
    }

    [Fact]
    public void Every_step_describes_its_settings()
    {
        Assert.Equal("keep values >= 3.5 as implicit feedback of value 1", new ThresholdStep(3.5f).Describe());
        Assert.Equal("keep values >= 4 as implicit feedback, values kept", new ThresholdStep(4, keepValues: true).Describe());
        Assert.Equal("decay values by half every 30 days before the latest timestamp", new TimeDecayStep(TimeSpan.FromDays(30)).Describe());
        Assert.Equal("decay values by half every 0.5 days before Unix time 1000", new TimeDecayStep(TimeSpan.FromHours(12), 1000).Describe());
        Assert.Equal("drop users with < 5 and items with < 3 interactions (one pass)", new MinInteractionsStep(5, 3).Describe());
        Assert.Equal("deduplicate (user, item) pairs: keep the last event", new DeduplicateStep(DuplicatePolicy.Last).Describe());
        Assert.Equal("weight events as implicit feedback: view=1; others=0.5", new EventWeightStep(new EventWeights(new Dictionary<string, float> { ["view"] = 1 }, 0.5f)).Describe());
    }

    [Fact]
    public void Steps_apply_the_operation_they_describe()
    {
        var tiny = TinyData.Ratings();

        Assert.Equal(6, new ThresholdStep(4).Apply(tiny).Count);
        Assert.Equal(9, new MinInteractionsStep(3, 0).Apply(tiny).Count); // u4 has 2 ratings
        Assert.Equal(tiny.Values[^1] * 0.5f, new TimeDecayStep(TimeSpan.FromSeconds(1), 1011).Apply(tiny).Values[^1]); // last is at t1010
    }

    [Fact]
    public void Steps_validate_their_settings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KCoreStep(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinInteractionsStep(1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeDecayStep(TimeSpan.FromDays(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThresholdStep(float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeduplicateStep((DuplicatePolicy)42));
        Assert.Throws<ArgumentNullException>(() => new EventWeightStep(null!));
    }
}
