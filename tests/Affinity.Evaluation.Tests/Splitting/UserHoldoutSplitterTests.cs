using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Tests.Splitting;

public sealed class UserHoldoutSplitterTests
{
    [Theory]
    // round(n x 0.5), half to even, for n = 1, 2, 3, 4, 5, 7, 10, 13:
    // 0.5->0, 1->1, 1.5->2, 2->2, 2.5->2, 3.5->4, 5->5, 6.5->6; 22 in all.
    [InlineData(0.5, new[] { 0, 1, 2, 2, 2, 4, 5, 6 })]
    // round(n x 0.2): 0.2->0, 0.4->0, 0.6->1, 0.8->1, 1->1, 1.4->1, 2->2, 2.6->3; 9 in all.
    [InlineData(0.2, new[] { 0, 0, 1, 1, 1, 1, 2, 3 })]
    public void Each_user_tests_its_LensKit_SampleFrac_share(double ratio, int[] testPerUser)
    {
        var data = SplitFixtures.Varied();
        var splitter = new UserHoldoutSplitter(ratio, seed: 5);

        var split = Assert.Single(splitter.Split(data));

        Assert.Equal(testPerUser, SplitFixtures.PerUser(split.Test));
        Assert.Equal(testPerUser, SplitFixtures.VariedUserCounts.Select(splitter.TestCount));
        Assert.Equal(SplitFixtures.VariedUserCounts.Zip(testPerUser, (n, t) => n - t), SplitFixtures.PerUser(split.Train));
        Assert.Null(split.Validation);
        SplitChecks.EnsurePartition(data, split);
    }

    [Fact]
    public void Same_seed_gives_the_same_holdout_and_another_seed_another()
    {
        var data = SplitFixtures.Varied();

        var first = SplitFixtures.Fingerprint(new UserHoldoutSplitter(0.3, seed: 1).Split(data));
        var again = SplitFixtures.Fingerprint(new UserHoldoutSplitter(0.3, seed: 1).Split(data));
        var other = SplitFixtures.Fingerprint(new UserHoldoutSplitter(0.3, seed: 2).Split(data));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void The_ratio_is_validated(double ratio)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new UserHoldoutSplitter(ratio, seed: 0));
}
