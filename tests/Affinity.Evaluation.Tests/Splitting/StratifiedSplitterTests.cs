using Affinity.Core.Data;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Tests.Splitting;

public sealed class StratifiedSplitterTests
{
    [Fact]
    public void Each_user_trains_on_the_positions_whose_rank_is_within_the_ratio()
    {
        var data = SplitFixtures.Varied();

        var split = Assert.Single(new StratifiedSplitter(0.75, seed: 42).Split(data));

        // Train count = #{k : k/n <= 0.75}: n=1: 1/1 > .75 -> 0; n=2: 1/2 -> 1; n=3: 2/3 -> 2; n=4: 3/4 -> 3;
        // n=5: 3/5 (4/5 > .75) -> 3; n=7: 5/7 = .714 -> 5; n=10: 7/10 -> 7; n=13: 9/13 = .692 (10/13 = .769) -> 9.
        int[] train = [0, 1, 2, 3, 3, 5, 7, 9];
        Assert.Equal(train, SplitFixtures.PerUser(split.Train));
        Assert.Equal(SplitFixtures.VariedUserCounts.Zip(train, (n, t) => n - t), SplitFixtures.PerUser(split.Test));
        SplitChecks.EnsurePartition(data, split);
    }

    [Fact]
    public void The_cut_follows_double_rank_comparison_not_floor_of_the_product()
    {
        // 0.29 x 100 = 28.999999999999996, but the rank 29/100 == 0.29 is within the ratio: 29 train.
        var b = new DatasetBuilder("hundred", FeedbackKind.Implicit);
        for (var i = 0; i < 100; i++)
        {
            b.Add("u", $"i{i}", i);
        }

        var splitter = new StratifiedSplitter(0.29, seed: 0);
        var split = Assert.Single(splitter.Split(b.Build()));

        Assert.Equal(29, splitter.TrainCount(100));
        Assert.Equal((29, 71), (split.Train.Count, split.Test.Count));
    }

    [Fact]
    public void Grouping_by_item_applies_the_ratio_to_every_item()
    {
        // Items in Varied: item "ik" is held by every user with more than k interactions, so item i0
        // has 8 interactions, i1 7, i2 6, i3 5, i4 4, i5..i6 3, i7..i9 2, i10..i12 1.
        var data = SplitFixtures.Varied();
        var splitter = new StratifiedSplitter(0.5, seed: 3, StratifyBy.Item);

        var split = Assert.Single(splitter.Split(data));

        var perItem = data.ItemCounts();
        var trainPerItem = split.Train.ItemCounts();
        Assert.Equal([8, 7, 6, 5, 4, 3, 3, 2, 2, 2, 1, 1, 1], perItem);
        // k/n <= 0.5 -> floor(n/2): 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 0, 0, 0.
        Assert.Equal([4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 0, 0, 0], trainPerItem);
        SplitChecks.EnsurePartition(data, split);
    }

    [Fact]
    public void Groups_below_the_minimum_are_removed_from_both_parts()
    {
        var data = SplitFixtures.Varied();

        var split = Assert.Single(new StratifiedSplitter(0.75, seed: 42, minRating: 4).Split(data));

        // Users with 1, 2 and 3 interactions (6 in all) are gone; the others train on 3+3+5+7+9 = 27 of 39.
        Assert.Equal([0, 0, 0, 3, 3, 5, 7, 9], SplitFixtures.PerUser(split.Train));
        Assert.Equal([0, 0, 0, 1, 2, 2, 3, 4], SplitFixtures.PerUser(split.Test));
        SplitChecks.EnsureDisjointWithin(data, split);
        Assert.Throws<InvalidOperationException>(() => SplitChecks.EnsurePartition(data, split));
    }

    [Fact]
    public void Same_seed_gives_the_same_split_and_another_seed_another()
    {
        var data = SplitFixtures.Varied();

        var first = SplitFixtures.Fingerprint(new StratifiedSplitter(0.6, seed: 1).Split(data));
        var again = SplitFixtures.Fingerprint(new StratifiedSplitter(0.6, seed: 1).Split(data));
        var other = SplitFixtures.Fingerprint(new StratifiedSplitter(0.6, seed: 2).Split(data));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StratifiedSplitter(0, seed: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StratifiedSplitter(1, seed: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StratifiedSplitter(double.NaN, seed: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StratifiedSplitter(0.5, seed: 0, minRating: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StratifiedSplitter(0.5, seed: 0, (StratifyBy)7));
        Assert.Equal("stratified by item, train ratio 0.75, min 1 per group, seed 42", new StratifiedSplitter(0.75, 42, StratifyBy.Item).Description);
    }
}
