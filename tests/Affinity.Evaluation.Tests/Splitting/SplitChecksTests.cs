using Affinity.Core.Data;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Tests.Splitting;

public sealed class SplitChecksTests
{
    private static readonly Dataset Data = SplitFixtures.Varied();

    [Fact]
    public void A_true_partition_passes()
    {
        var split = new DataSplit("ok", Data.Subset(Range(0, 40)), Data.Subset(Range(40, 43)), Data.Subset(Range(43, 45)));

        SplitChecks.EnsurePartition(Data, split);
        SplitChecks.EnsureDisjointWithin(Data, split);
    }

    [Fact]
    public void An_interaction_in_two_parts_fails_even_when_counts_add_up()
    {
        // Position 0 is in both parts, position 1 in none: 45 interactions in all.
        int[] train = [0, .. Range(2, 40)];
        var split = new DataSplit("overlap", Data.Subset(train), Data.Subset([0, .. Range(40, 45)]));

        var error = Assert.Throws<InvalidOperationException>(() => SplitChecks.EnsurePartition(Data, split));
        Assert.Contains("more often", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => SplitChecks.EnsureDisjointWithin(Data, split));
    }

    [Fact]
    public void A_missing_interaction_fails_a_partition_but_not_a_disjoint_subset()
    {
        var split = new DataSplit("short", Data.Subset(Range(0, 40)), Data.Subset(Range(41, 45)));

        var error = Assert.Throws<InvalidOperationException>(() => SplitChecks.EnsurePartition(Data, split));
        Assert.Contains("44 interactions", error.Message, StringComparison.Ordinal);
        SplitChecks.EnsureDisjointWithin(Data, split);
    }

    [Fact]
    public void A_changed_interaction_fails()
    {
        var changed = Data.Subset(Range(0, 45)).WithValues([.. Enumerable.Range(0, 45).Select(v => v == 7 ? 99f : v)]);
        var split = new DataSplit("changed", changed.Subset(Range(0, 40)), changed.Subset(Range(40, 45)));

        Assert.Throws<InvalidOperationException>(() => SplitChecks.EnsurePartition(Data, split));
    }

    [Fact]
    public void Parts_with_their_own_id_maps_fail()
    {
        var copy = SplitFixtures.Varied();
        var split = new DataSplit("copy", copy.Subset(Range(0, 40)), Data.Subset(Range(40, 45)));

        var error = Assert.Throws<InvalidOperationException>(() => SplitChecks.EnsurePartition(Data, split));
        Assert.Contains("id maps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_test_sets_fail_the_fold_check()
    {
        var first = new DataSplit("a", Data.Subset(Range(20, 45)), Data.Subset(Range(0, 20)));
        var second = new DataSplit("b", Data.Subset(Range(0, 19)), Data.Subset(Range(19, 45)));

        SplitChecks.EnsurePartition(Data, [first, second]);
        Assert.Throws<InvalidOperationException>(() => SplitChecks.EnsureTestSetsPartition(Data, [first, second]));
    }

    private static int[] Range(int start, int end) => [.. Enumerable.Range(start, end - start)];
}
