using Affinity.Core.Data;
using Affinity.Core.Demo;

namespace Affinity.Core.Tests.Demo;

public sealed class SyntheticInteractionsTests
{
    [Fact]
    public void Has_the_requested_counts_and_every_user_at_least_once()
    {
        var data = SyntheticInteractions.Generate(users: 500, items: 300, interactions: 12_345, seed: 3);

        Assert.Equal(500, data.UserCount);
        Assert.Equal(300, data.ItemCount);
        Assert.Equal(12_345, data.Count);
        Assert.Equal(FeedbackKind.Implicit, data.Kind);
        Assert.All(data.UserCounts(), c => Assert.InRange(c, 1, SyntheticInteractions.MaxPerUser(300)));
        Assert.All(data.Values.ToArray(), v => Assert.Equal(1f, v));
        Assert.Equal("1", data.Users[0]);
        Assert.Equal("300", data.Items[299]);
    }

    [Fact]
    public void Holds_no_repeated_pair()
    {
        // Dense on purpose (100 of at most 100 per user for heavy users), where repeats are most likely.
        var data = SyntheticInteractions.Generate(users: 50, items: 200, interactions: 4_000, seed: 5);

        Assert.False(data.HasRepeatedPairs);
    }

    [Fact]
    public void Same_seed_same_data_other_seed_other_data()
    {
        var a = SyntheticInteractions.Generate(users: 200, items: 100, interactions: 3_000, seed: 9);
        var b = SyntheticInteractions.Generate(users: 200, items: 100, interactions: 3_000, seed: 9);
        var c = SyntheticInteractions.Generate(users: 200, items: 100, interactions: 3_000, seed: 10);

        Assert.True(a.UserIndexes.SequenceEqual(b.UserIndexes));
        Assert.True(a.ItemIndexes.SequenceEqual(b.ItemIndexes));
        Assert.False(a.ItemIndexes.SequenceEqual(c.ItemIndexes));
    }

    [Fact]
    public void Item_popularity_is_long_tailed()
    {
        var data = SyntheticInteractions.Generate(users: 3_000, items: 2_000, interactions: 90_000, seed: 1);
        var counts = data.ItemCounts();
        Array.Sort(counts, (x, y) => y.CompareTo(x));
        var total = (double)data.Count;

        // Uniform popularity would give the top 1% (20 items) 1% of the interactions and the
        // bottom half 50%; the Zipf-Mandelbrot weights give roughly 20% and under 10%.
        var top = counts.AsSpan(0, 20).ToArray().Sum() / total;
        var bottomHalf = counts.AsSpan(1_000).ToArray().Sum() / total;
        Assert.InRange(top, 0.12, 0.35);
        Assert.InRange(bottomHalf, 0.0, 0.15);
    }

    [Fact]
    public void User_activity_is_skewed()
    {
        var data = SyntheticInteractions.Generate(users: 3_000, items: 2_000, interactions: 90_000, seed: 1);
        var counts = data.UserCounts();
        Array.Sort(counts);

        // Log-normal with sigma 1: the 99th percentile is exp(2.33) = 10 times the median.
        var median = counts[1_500];
        var p99 = counts[2_970];
        Assert.InRange(p99 / (double)median, 6, 16);
    }

    [Fact]
    public void Item_indexes_do_not_follow_popularity()
    {
        var data = SyntheticInteractions.Generate(users: 1_000, items: 500, interactions: 20_000, seed: 2);
        var counts = data.ItemCounts();
        var best = Array.IndexOf(counts, counts.Max());

        // Ranks are shuffled over indexes; with this seed the most popular item is not index 0.
        Assert.NotEqual(0, best);
    }

    [Theory]
    [InlineData(0, 10, 10)]
    [InlineData(10, 0, 10)]
    [InlineData(10, 10, 9)] // fewer interactions than users
    [InlineData(10, 10, 51)] // above 10 users x 5 (half the catalogue)
    public void Impossible_sizes_throw(int users, int items, int interactions)
        => Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticInteractions.Generate(users, items, interactions));

    [Fact]
    public void The_densest_allowed_size_fills_every_user_to_the_cap()
    {
        var data = SyntheticInteractions.Generate(users: 10, items: 10, interactions: 50);

        Assert.All(data.UserCounts(), c => Assert.Equal(5, c));
        Assert.False(data.HasRepeatedPairs);
    }

    [Theory]
    [InlineData("ml-20m", 138_493, 20_000, 10_000_000)]
    [InlineData("ML-100K", 943, 1_682, 100_000)]
    [InlineData(" 50x40x300 ", 50, 40, 300)]
    public void Shapes_parse_from_presets_and_triples(string text, int users, int items, int interactions)
        => Assert.Equal(new SyntheticShape(users, items, interactions), SyntheticShape.Parse(text));

    [Theory]
    [InlineData("ml-10m")]
    [InlineData("50x40")]
    [InlineData("50x0x300")]
    [InlineData("-5x40x300")]
    public void Bad_shapes_do_not_parse(string text)
        => Assert.Throws<FormatException>(() => SyntheticShape.Parse(text));

    [Fact]
    public void Shape_prints_as_it_parses()
        => Assert.Equal("50x40x300", SyntheticShape.Parse("50x40x300").ToString());
}
