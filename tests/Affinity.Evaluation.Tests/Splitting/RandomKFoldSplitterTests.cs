using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Tests.Splitting;

public sealed class RandomKFoldSplitterTests
{
    [Theory]
    // 45 / 4 = 11 rest 1: the first fold takes one more (Surprise KFold).
    [InlineData(4, new[] { 12, 11, 11, 11 })]
    // 45 / 7 = 6 rest 3: the first three folds take one more.
    [InlineData(7, new[] { 7, 7, 7, 6, 6, 6, 6 })]
    // 45 / 5 = 9 rest 0.
    [InlineData(5, new[] { 9, 9, 9, 9, 9 })]
    public void Test_sets_partition_the_data_with_Surprise_fold_sizes(int folds, int[] sizes)
    {
        var data = SplitFixtures.Varied();
        var splits = new RandomKFoldSplitter(folds, seed: 3).Split(data);

        Assert.Equal(sizes, splits.Select(s => s.Test.Count).ToArray());
        Assert.Equal(sizes.Select(s => 45 - s).ToArray(), splits.Select(s => s.Train.Count).ToArray());
        Assert.Equal(Enumerable.Range(1, folds).Select(f => $"fold {f} of {folds}"), splits.Select(s => s.Name));
        Assert.All(splits, s => Assert.Null(s.Validation));
        SplitChecks.EnsurePartition(data, splits);
        SplitChecks.EnsureTestSetsPartition(data, splits);
    }

    [Fact]
    public void Parts_keep_input_order()
    {
        var splits = new RandomKFoldSplitter(3, seed: 1).Split(SplitFixtures.Varied());

        Assert.All(splits, s => Assert.Equal(SplitFixtures.Positions(s.Test).Order(), SplitFixtures.Positions(s.Test)));
        Assert.All(splits, s => Assert.Equal(SplitFixtures.Positions(s.Train).Order(), SplitFixtures.Positions(s.Train)));
    }

    [Fact]
    public void Same_seed_gives_the_same_folds_and_another_seed_other_folds()
    {
        var data = SplitFixtures.Varied();

        var first = SplitFixtures.Fingerprint(new RandomKFoldSplitter(5, seed: 7).Split(data));
        var again = SplitFixtures.Fingerprint(new RandomKFoldSplitter(5, seed: 7).Split(data));
        var other = SplitFixtures.Fingerprint(new RandomKFoldSplitter(5, seed: 8).Split(data));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Folds_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomKFoldSplitter(1, seed: 0));
        var splitter = new RandomKFoldSplitter(46, seed: 0);
        Assert.Throws<ArgumentException>(() => splitter.Split(SplitFixtures.Varied()));
        Assert.Equal("random 46-fold, seed 0", splitter.Description);
    }
}
