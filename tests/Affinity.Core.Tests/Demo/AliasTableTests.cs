using Affinity.Core.Demo;

namespace Affinity.Core.Tests.Demo;

public sealed class AliasTableTests
{
    [Fact]
    public void Draws_follow_the_weights()
    {
        double[] weights = [1, 2, 3, 4, 0.5, 9.5];
        var table = new AliasTable(weights);
        var random = new Random(4);
        var counts = new int[weights.Length];
        const int Draws = 200_000;
        for (var i = 0; i < Draws; i++)
        {
            counts[table.Sample(random)]++;
        }

        // Weights sum to 20, so index i should take weights[i] / 20 of the draws; with 200k draws
        // the standard error of a share is at most sqrt(0.25 / 200k) = 0.0011, so 0.005 is > 4 sigma.
        for (var i = 0; i < weights.Length; i++)
        {
            Assert.InRange(counts[i] / (double)Draws, (weights[i] / 20) - 0.005, (weights[i] / 20) + 0.005);
        }
    }

    [Fact]
    public void A_single_weight_always_draws_index_zero()
    {
        var table = new AliasTable([3.0]);
        var random = new Random(1);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(0, table.Sample(random)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_weights_that_are_not_positive_and_finite(double bad)
        => Assert.Throws<ArgumentException>(() => new AliasTable([1.0, bad]));

    [Fact]
    public void Rejects_no_weights()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new AliasTable([]));
}
