using System.Text.Json;
using Affinity.Core.Cleaning;

namespace Affinity.Core.Tests.Cleaning;

public sealed class EventWeightsTests
{
    [Fact]
    public void The_default_doubles_from_view_to_purchase_and_rejects_others()
    {
        var weights = EventWeights.Default;

        Assert.Equal(1f, weights.WeightOf("view"));
        Assert.Equal(2f, weights.WeightOf("click"));
        Assert.Equal(4f, weights.WeightOf("cart"));
        Assert.Equal(8f, weights.WeightOf("purchase"));
        Assert.Null(weights.DefaultWeight);
        var error = Assert.Throws<KeyNotFoundException>(() => weights.WeightOf("Purchase"));
        Assert.Contains("'Purchase'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_returns_a_copy_and_leaves_the_original()
    {
        var changed = EventWeights.Default.With("view", 0.25f).WithDefault(1f);

        Assert.Equal(0.25f, changed.WeightOf("view"));
        Assert.Equal(1f, changed.WeightOf("share"));
        Assert.Equal(1f, EventWeights.Default.WeightOf("view"));
        Assert.NotEqual(EventWeights.Default, changed);
    }

    [Fact]
    public void Equality_is_by_content()
    {
        var same = new EventWeights(new Dictionary<string, float> { ["purchase"] = 8, ["cart"] = 4, ["click"] = 2, ["view"] = 1 });

        Assert.Equal(EventWeights.Default, same);
        Assert.Equal(EventWeights.Default.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(EventWeights.Default, same.WithDefault(0));
    }

    [Fact]
    public void Survives_a_JSON_round_trip()
    {
        var weights = EventWeights.Default.With("share", 3).WithDefault(0.5f);

        var json = JsonSerializer.Serialize(weights);
        var back = JsonSerializer.Deserialize<EventWeights>(json);

        Assert.Equal(weights, back);
    }

    [Theory]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Weights_must_be_finite_and_not_negative(float weight)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EventWeights.Default.With("view", weight));
        Assert.Throws<ArgumentOutOfRangeException>(() => EventWeights.Default.WithDefault(weight));
    }
}
