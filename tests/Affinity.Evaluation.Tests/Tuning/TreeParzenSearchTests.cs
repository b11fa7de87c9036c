using Affinity.Evaluation.Tuning;

namespace Affinity.Evaluation.Tests.Tuning;

public sealed class TreeParzenSearchTests
{
    private static readonly SearchSpace Space = SearchSpace.Parse("x=float:0.0001..10:log;n=int:1..64;c=choice:a,b,c,d");

    /// <summary>A bowl in the log of x, linear in n, and a penalty for every choice but "c": the best is x = 0.03, n = 40, c.</summary>
    private static double Objective(IReadOnlyList<double> p)
        => Math.Pow(Math.Log10(p[0] / 0.03), 2) + (Math.Abs(p[1] - 40) / 16) + (p[2] == 2 ? 0 : 1);

    private static List<TrialPoint> Run(ISearchStrategy strategy, int trials, int seed)
    {
        var random = new Random(seed);
        var history = new List<TrialPoint>();
        for (var t = 0; t < trials; t++)
        {
            var point = strategy.Propose(Space, history, random);
            history.Add(new TrialPoint(point, Objective(point)));
        }

        return history;
    }

    [Fact]
    public void Startup_trials_are_the_random_search_itself()
    {
        var tpe = Run(new TreeParzenSearch(startupTrials: 10), 10, seed: 3);
        var random = Run(new RandomSearch(), 10, seed: 3);

        Assert.Equal(random.Select(t => t.Point), tpe.Select(t => t.Point));
    }

    [Fact]
    public void Proposals_after_startup_stay_in_range_and_repeat_for_a_seed()
    {
        var first = Run(new TreeParzenSearch(), 40, seed: 11);
        var again = Run(new TreeParzenSearch(), 40, seed: 11);

        Assert.Equal(first.Select(t => t.Point), again.Select(t => t.Point));
        Assert.All(first, t =>
        {
            Assert.InRange(t.Point[0], 0.0001, 10);
            Assert.InRange(t.Point[1], 1, 64);
            Assert.Equal(Math.Floor(t.Point[1]), t.Point[1]);
            Assert.Contains(t.Point[2], new[] { 0.0, 1, 2, 3 });
        });
    }

    [Fact]
    public void The_model_beats_random_search_on_a_smooth_objective_over_many_seeds()
    {
        // 40 trials each, 12 seeds: TPE's best loss is below random search's on average, and after
        // its 10 random startup trials it picks the good choice "c" far more often than chance (1 in 4;
        // the share over 360 draws would have a standard deviation of 0.023).
        var tpeBest = new List<double>();
        var randomBest = new List<double>();
        var goodChoiceShare = new List<double>();
        for (var seed = 0; seed < 12; seed++)
        {
            var tpe = Run(new TreeParzenSearch(), 40, seed);
            tpeBest.Add(tpe.Min(t => t.Loss));
            randomBest.Add(Run(new RandomSearch(), 40, seed + 1000).Min(t => t.Loss));
            goodChoiceShare.Add(tpe.Skip(10).Count(t => t.Point[2] == 2) / 30.0);
        }

        Assert.True(tpeBest.Average() < randomBest.Average(), $"TPE {tpeBest.Average():F3}, random {randomBest.Average():F3}");
        Assert.True(goodChoiceShare.Average() > 0.4, $"{goodChoiceShare.Average():F2}");
    }

    [Fact]
    public void Settings_out_of_range_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TreeParzenSearch(startupTrials: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TreeParzenSearch(candidates: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TreeParzenSearch(gamma: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TreeParzenSearch(priorWeight: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TreeParzenSearch(forgetting: 0));
    }
}
