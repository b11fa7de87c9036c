using Affinity.Core.Engine;
using static Affinity.Core.Tests.Engine.EngineFixture;

namespace Affinity.Core.Tests.Engine;

public sealed class EngineInputTests
{
    [Fact]
    public void A_request_is_validated_when_built()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineRequest("u0", -1));
        Assert.Throws<ArgumentException>(() => new EngineRequest(" ", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineRequest("u0", 1) { Diversity = 1.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineRequest("u0", 1) { Diversity = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineRequest("u0", 1) { FreshnessHalfLife = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineRequest("u0", 1) { MaxReasons = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineRequest("u0", 1) with { Count = -2 });
        Assert.Throws<ArgumentException>(() => new EngineRequest("u0", 3) { Pins = [new ItemPin("i1", 0), new ItemPin("i2", 0)] });
        Assert.Throws<ArgumentException>(() => new EngineRequest("u0", 3) { Pins = [new ItemPin("i1", 0), new ItemPin("i1", 1)] });
    }

    [Fact]
    public void Rules_are_validated_when_built()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ItemPin("i1", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ItemBoost(ItemFilter.Parse("a=b"), multiply: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ItemBoost(ItemFilter.Parse("a=b"), add: float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RangeFilter("year", 2000, 1990));
        Assert.Throws<ArgumentException>(() => new ValueFilter("genres", []));
    }

    [Theory]
    [InlineData("genres")]
    [InlineData("=Comedy")]
    [InlineData("genres=")]
    [InlineData("year=abc..1990")]
    public void A_malformed_filter_is_a_format_error(string text)
        => Assert.Throws<FormatException>(() => ItemFilter.Parse(text));

    [Fact]
    public void Filters_parse_values_lists_and_open_ranges()
    {
        var values = Assert.IsType<ValueFilter>(ItemFilter.Parse("genres=Comedy|Film-Noir"));
        var range = Assert.IsType<RangeFilter>(ItemFilter.Parse("year=..1990.5"));

        Assert.Equal(["Comedy", "Film-Noir"], values.Values);
        Assert.Equal("year", range.Field);
        Assert.Equal(double.NegativeInfinity, range.Min);
        Assert.Equal(1990.5, range.Max);
    }

    [Fact]
    public void Engine_calls_reject_misuse_and_tolerate_unknown_ids()
    {
        var (_, engine) = NewEngine();

        Assert.Throws<ArgumentOutOfRangeException>(() => engine.AddEvent("u0", "i1", float.NaN, null, Now, 11));
        Assert.Throws<ArgumentException>(() => engine.AddEvent("", "i1", 1f, null, Now, 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Similar("i1", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Popular(-1));
        Assert.Throws<ArgumentNullException>(() => engine.Recommend(null!));
        Assert.Equal("i2 i3 i4", Ids(engine.Recommend(new EngineRequest("u0", 3) { Exclude = ["nope"], Pins = [new ItemPin("nope", 0)] })));
    }
}
