using Affinity.Core.Cleaning;
using Affinity.Core.Data;
using Affinity.Testing;

namespace Affinity.Core.Tests.Cleaning;

public sealed class ImplicitConversionTests
{
    private static Dataset Events(params string[] types)
    {
        var b = new DatasetBuilder("events", FeedbackKind.Implicit);
        for (var i = 0; i < types.Length; i++)
        {
            b.Add("u1", $"i{i}", 1f, 100 + i, types[i]);
        }

        return b.Build();
    }

    [Fact]
    public void Threshold_keeps_values_at_or_above_it_as_ones()
    {
        var tiny = TinyData.Ratings();

        var positives = ImplicitConversion.Threshold(tiny, 4f);

        // Ratings >= 4: u1 i1=5 i3=4, u2 i1=4 i3=5, u3 i4=4 i5=5.
        Assert.Equal(["u1 i1 1 t1000", "u1 i3 1 t1002", "u2 i1 1 t1003", "u2 i3 1 t1004", "u3 i4 1 t1007", "u3 i5 1 t1008"], Rows.Of(positives));
        Assert.Equal(FeedbackKind.Implicit, positives.Kind);
        Rows.AssertSharesMaps(tiny, positives);
    }

    [Fact]
    public void Threshold_can_keep_the_values()
    {
        var positives = ImplicitConversion.Threshold(TinyData.Ratings(), 4f, keepValues: true);

        Assert.Equal([5f, 4f, 4f, 5f, 4f, 5f], positives.Values.ToArray());
        Assert.Equal(FeedbackKind.Implicit, positives.Kind);
    }

    [Fact]
    public void Threshold_rejects_NaN()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImplicitConversion.Threshold(TinyData.Ratings(), float.NaN));
    }

    [Fact]
    public void WeightEvents_replaces_values_with_the_default_weights()
    {
        var weighted = ImplicitConversion.WeightEvents(Events("view", "click", "cart", "purchase", "view"), EventWeights.Default);

        Assert.Equal([1f, 2f, 4f, 8f, 1f], weighted.Values.ToArray());
        Assert.Equal(FeedbackKind.Implicit, weighted.Kind);
        Assert.Equal([100L, 101, 102, 103, 104], weighted.Timestamps.ToArray());
    }

    [Fact]
    public void WeightEvents_names_an_event_type_without_weight()
    {
        var error = Assert.Throws<ArgumentException>(() => ImplicitConversion.WeightEvents(Events("view", "share"), EventWeights.Default));

        Assert.Contains("'share'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightEvents_uses_the_default_weight_for_unlisted_types()
    {
        var weights = EventWeights.Default.WithDefault(0.5f).With("purchase", 10f);

        var weighted = ImplicitConversion.WeightEvents(Events("share", "purchase", "view"), weights);

        Assert.Equal([0.5f, 10f, 1f], weighted.Values.ToArray());
    }

    [Fact]
    public void WeightEvents_only_needs_weights_for_types_that_occur()
    {
        // The subset keeps the full map of type names, "share" included, but no interaction uses it.
        var withoutShare = Events("view", "share").Subset([0]);

        Assert.Equal([1f], ImplicitConversion.WeightEvents(withoutShare, EventWeights.Default).Values.ToArray());
    }

    [Fact]
    public void WeightEvents_needs_event_types()
    {
        var error = Assert.Throws<ArgumentException>(() => ImplicitConversion.WeightEvents(TinyData.Ratings(), EventWeights.Default));

        Assert.Contains("no event types", error.Message, StringComparison.Ordinal);
    }
}
