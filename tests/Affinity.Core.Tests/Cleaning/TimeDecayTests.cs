using Affinity.Core.Cleaning;
using Affinity.Core.Data;
using Affinity.Testing;

namespace Affinity.Core.Tests.Cleaning;

public sealed class TimeDecayTests
{
    private const long Day = 86_400;

    // Value 4 on days 0, 1 and 2.
    private static Dataset ThreeDays()
    {
        var b = new DatasetBuilder("days", FeedbackKind.Implicit);
        b.Add("u1", "i1", 4, 0);
        b.Add("u1", "i2", 4, Day);
        b.Add("u2", "i1", 4, 2 * Day);
        return b.Build();
    }

    [Fact]
    public void Values_halve_every_half_life_before_the_latest_timestamp()
    {
        var data = ThreeDays();

        var decayed = TimeDecay.Apply(data, TimeSpan.FromDays(1));

        // Ages 2, 1, 0 days: 4 * 0.25, 4 * 0.5, 4 * 1.
        Assert.Equal([1f, 2f, 4f], decayed.Values.ToArray());
        Assert.Equal(data.Timestamps.ToArray(), decayed.Timestamps.ToArray());
        Assert.Equal(FeedbackKind.Implicit, decayed.Kind);
        Rows.AssertSharesMaps(data, decayed);
    }

    [Fact]
    public void An_explicit_reference_time_is_used_as_now()
    {
        var decayed = TimeDecay.Apply(ThreeDays(), TimeSpan.FromDays(2), referenceTime: 4 * Day);

        // Ages 4, 3, 2 days with a 2-day half-life: 4 * 0.5^2 = 1, 4 * 0.5^1.5 = 1.414214, 4 * 0.5 = 2.
        Assert.Equal(1f, decayed.Values[0], 1e-6f);
        Assert.Equal(1.4142135f, decayed.Values[1], 1e-6f);
        Assert.Equal(2f, decayed.Values[2], 1e-6f);
    }

    [Fact]
    public void Interactions_after_an_explicit_reference_grow()
    {
        var decayed = TimeDecay.Apply(ThreeDays(), TimeSpan.FromDays(1), referenceTime: Day);

        Assert.Equal([2f, 4f, 8f], decayed.Values.ToArray()); // ages 1, 0, -1 days
    }

    [Fact]
    public void Needs_timestamps()
    {
        var b = new DatasetBuilder("untimed", FeedbackKind.Implicit);
        b.Add("u1", "i1", 1);

        var error = Assert.Throws<ArgumentException>(() => TimeDecay.Apply(b.Build(), TimeSpan.FromDays(1)));

        Assert.Contains("no timestamps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_half_life_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeDecay.Apply(TinyData.Ratings(), TimeSpan.Zero));
    }

    [Fact]
    public void A_factor_that_overflows_is_an_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeDecay.Apply(ThreeDays(), TimeSpan.FromSeconds(1), referenceTime: -10 * Day));
    }
}
