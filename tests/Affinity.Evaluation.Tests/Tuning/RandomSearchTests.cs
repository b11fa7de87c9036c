using Affinity.Evaluation.Tuning;

namespace Affinity.Evaluation.Tests.Tuning;

public sealed class RandomSearchTests
{
    private static double[][] Draw(string space, int count, int seed)
    {
        var parsed = SearchSpace.Parse(space);
        var random = new Random(seed);
        var strategy = new RandomSearch();
        return [.. Enumerable.Range(0, count).Select(_ => strategy.Propose(parsed, [], random).ToArray())];
    }

    [Fact]
    public void Log_uniform_reals_stay_in_range_and_split_evenly_at_the_geometric_mean()
    {
        // Log-uniform on [0.001, 0.3]: P(x < sqrt(0.001 * 0.3) = 0.017321) = 1/2.
        var values = Draw("r=float:0.001..0.3:log", 4000, seed: 1).Select(p => p[0]).ToArray();

        Assert.All(values, v => Assert.InRange(v, 0.001, 0.3));
        var below = values.Count(v => v < Math.Sqrt(0.001 * 0.3)) / 4000.0;
        Assert.InRange(below, 0.47, 0.53);
        // A uniform draw would put only 5.5% below 0.017321: (0.017321 - 0.001) / 0.299.
    }

    [Fact]
    public void Log_uniform_whole_numbers_stay_in_range_and_take_the_log_mass_of_their_half_step()
    {
        // z uniform on [ln 0.5, ln 1000.5]; k <= 31 when z < ln 31.5:
        //   P = (ln 31.5 - ln 0.5) / (ln 1000.5 - ln 0.5) = 4.1431 / 7.6014 = 0.5450.
        // P(k = 1) = (ln 1.5 - ln 0.5) / 7.6014 = 1.0986 / 7.6014 = 0.1445.
        var values = Draw("k=int:1..1000:log", 4000, seed: 2).Select(p => p[0]).ToArray();

        Assert.All(values, v => Assert.True(v >= 1 && v <= 1000 && v == Math.Floor(v), $"{v}"));
        Assert.InRange(values.Count(v => v <= 31) / 4000.0, 0.52, 0.57);
        Assert.InRange(values.Count(v => v == 1) / 4000.0, 0.125, 0.165);
    }

    [Fact]
    public void Linear_whole_numbers_and_choices_are_uniform_over_their_values_ends_included()
    {
        // Each of 5 values has probability 1/5 = 800 of 4000 draws (standard deviation 25).
        var points = Draw("k=int:-2..2;c=choice:a,b,c,d,e", 4000, seed: 3);

        foreach (var dimension in new[] { 0, 1 })
        {
            var counts = points.GroupBy(p => p[dimension]).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(5, counts.Count);
            Assert.All(counts.Values, c => Assert.InRange(c, 700, 900));
        }

        Assert.Equal([-2.0, -1, 0, 1, 2], points.Select(p => p[0]).Distinct().Order());
        Assert.Equal([0.0, 1, 2, 3, 4], points.Select(p => p[1]).Distinct().Order());
    }

    [Fact]
    public void The_same_seed_repeats_the_search_and_another_seed_does_not()
    {
        const string space = "a=float:0..1;b=int:1..100:log;c=choice:x,y,z";

        var first = Draw(space, 20, seed: 5);
        var again = Draw(space, 20, seed: 5);
        var other = Draw(space, 20, seed: 6);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }
}
