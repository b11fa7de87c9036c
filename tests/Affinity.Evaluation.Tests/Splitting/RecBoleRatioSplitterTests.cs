using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Tests.Splitting;

public sealed class RecBoleRatioSplitterTests
{
    [Theory]
    // 0.8/0.1/0.1. n=1: valid = test = int(0.1) = 0, train 1; train <= 1 stops the fix-up.
    [InlineData(1, 1, 0, 0)]
    // n=2: int(0.2) = 0 each, train 2; test's share 0.2 is in (0,1): test 1, train 1; then train <= 1 stops.
    [InlineData(2, 1, 0, 1)]
    // n=3: shares 0.3 each: test 1 (train 2), then validation 1 (train 1).
    [InlineData(3, 1, 1, 1)]
    // n=5: shares 0.5: test 1, validation 1, train 3.
    [InlineData(5, 3, 1, 1)]
    // n=10: int(1.0) = 1 each, no fix-up: 8/1/1.
    [InlineData(10, 8, 1, 1)]
    // n=19: int(1.9) = 1 each, train 17: truncation sends the remainder to training.
    [InlineData(19, 17, 1, 1)]
    // n=20: int(2.0) = 2 each: 16/2/2. n=29: int(2.9) = 2: 25/2/2.
    [InlineData(20, 16, 2, 2)]
    [InlineData(29, 25, 2, 2)]
    public void Part_sizes_follow_calcu_split_ids(int n, int train, int valid, int test)
    {
        Assert.Equal((train, valid, test), new RecBoleRatioSplitter().PartSizes(n));
        // Ratios need not sum to 1: 8/1/1 normalises to the same shares.
        Assert.Equal((train, valid, test), new RecBoleRatioSplitter(8, 1, 1).PartSizes(n));
    }

    [Theory]
    // 0.7/0.2/0.1 sum to 0.9999999999999999 in Python's left-to-right sum, so the normalised shares are
    // a hair above 0.2 and 0.1: n=10 gives int(2.0000000000000004) = 2 and int(1.0000000000000002) = 1.
    [InlineData(0.7, 0.2, 0.1, 10, 7, 2, 1)]
    // n=19: int(3.8) = 3, int(1.9) = 1, train 15.
    [InlineData(0.7, 0.2, 0.1, 19, 15, 3, 1)]
    // No validation: n=3: int(0.6) = 0, test share 0.6 in (0,1): test 1, train 2.
    [InlineData(0.8, 0.0, 0.2, 3, 2, 0, 1)]
    // n=19: int(3.8) = 3: 16/0/3.
    [InlineData(0.8, 0.0, 0.2, 19, 16, 0, 3)]
    public void Part_sizes_for_other_ratios(double trainRatio, double validRatio, double testRatio, int n, int train, int valid, int test)
        => Assert.Equal((train, valid, test), new RecBoleRatioSplitter(trainRatio, validRatio, testRatio).PartSizes(n));

    [Fact]
    public void Every_user_is_split_by_its_formula()
    {
        var data = SplitFixtures.Varied();
        var splitter = new RecBoleRatioSplitter(seed: 4);

        var split = Assert.Single(splitter.Split(data));

        // Users with 1, 2, 3, 4, 5, 7, 10, 13 interactions.
        Assert.Equal([1, 1, 1, 2, 3, 5, 8, 11], SplitFixtures.PerUser(split.Train));
        Assert.Equal([0, 0, 1, 1, 1, 1, 1, 1], SplitFixtures.PerUser(split.Validation!));
        Assert.Equal([0, 1, 1, 1, 1, 1, 1, 1], SplitFixtures.PerUser(split.Test));
        Assert.Equal(SplitFixtures.VariedUserCounts.Select(n => splitter.PartSizes(n).Train), SplitFixtures.PerUser(split.Train));
        SplitChecks.EnsurePartition(data, split);
    }

    [Fact]
    public void No_validation_ratio_means_no_validation_part()
    {
        var data = SplitFixtures.Varied();

        var split = Assert.Single(new RecBoleRatioSplitter(0.8, 0, 0.2, seed: 1).Split(data));

        Assert.Null(split.Validation);
        SplitChecks.EnsurePartition(data, split);
    }

    [Fact]
    public void Same_seed_gives_the_same_split_and_another_seed_another()
    {
        var data = SplitFixtures.Varied();

        var first = SplitFixtures.Fingerprint(new RecBoleRatioSplitter(seed: 1).Split(data));
        var again = SplitFixtures.Fingerprint(new RecBoleRatioSplitter(seed: 1).Split(data));
        var other = SplitFixtures.Fingerprint(new RecBoleRatioSplitter(seed: 2).Split(data));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Ratios_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecBoleRatioSplitter(0, 0.1, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecBoleRatioSplitter(0.8, -0.1, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecBoleRatioSplitter(0.8, 0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecBoleRatioSplitter(double.PositiveInfinity, 0.1, 0.1));
        Assert.Equal("RecBole RS 0.8/0.1/0.1 grouped by user, seed 0", new RecBoleRatioSplitter().Description);
    }
}
