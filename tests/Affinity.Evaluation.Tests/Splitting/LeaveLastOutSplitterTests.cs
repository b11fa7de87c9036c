using Affinity.Core.Data;
using Affinity.Evaluation.Splitting;
using Affinity.Testing;

namespace Affinity.Evaluation.Tests.Splitting;

public sealed class LeaveLastOutSplitterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Each_user_with_more_than_k_interactions_tests_its_latest_k(int k)
    {
        var data = SplitFixtures.Varied();

        var split = Assert.Single(new LeaveLastOutSplitter(k).Split(data));

        for (var u = 0; u < data.UserCount; u++)
        {
            var times = TimesOf(data, u);
            var tested = TimesOf(split.Test, u);
            var expected = times.Length > k ? times.Order().TakeLast(k) : [];
            Assert.Equal(expected, tested.Order());
            if (tested.Length > 0)
            {
                Assert.True(TimesOf(split.Train, u).Max() < tested.Min());
            }
        }

        Assert.Null(split.Validation);
        SplitChecks.EnsurePartition(data, split);
    }

    [Fact]
    public void Ties_in_time_count_the_later_input_position_as_later()
    {
        // u: a at 5, b at 9, c at 9, d at 1 -> by (time, position): d, a, b, c.
        var b = new DatasetBuilder("ties", FeedbackKind.Implicit);
        b.Add("u", "a", 0, 5);
        b.Add("u", "b", 1, 9);
        b.Add("u", "c", 2, 9);
        b.Add("u", "d", 3, 1);
        var data = b.Build();

        Assert.Equal([2], SplitFixtures.Positions(new LeaveLastOutSplitter(1).Split(data)[0].Test));
        Assert.Equal([1, 2], SplitFixtures.Positions(new LeaveLastOutSplitter(2).Split(data)[0].Test));
        Assert.Equal([0, 3], SplitFixtures.Positions(new LeaveLastOutSplitter(2).Split(data)[0].Train));
    }

    [Fact]
    public void Validation_takes_the_interactions_just_before_the_test_ones()
    {
        var data = SplitFixtures.Varied();

        var split = Assert.Single(new LeaveLastOutSplitter(1, validationCount: 1).Split(data));

        // Users with 1 interaction: all train; with 2: test 1, no validation; with more: 1 and 1.
        Assert.Equal([0, 1, 1, 1, 1, 1, 1, 1], SplitFixtures.PerUser(split.Test));
        Assert.Equal([0, 0, 1, 1, 1, 1, 1, 1], SplitFixtures.PerUser(split.Validation!));
        for (var u = 2; u < data.UserCount; u++)
        {
            var times = TimesOf(data, u).Order().ToArray();
            Assert.Equal([times[^1]], TimesOf(split.Test, u));
            Assert.Equal([times[^2]], TimesOf(split.Validation!, u));
        }

        SplitChecks.EnsurePartition(data, split);
    }

    [Fact]
    public void Timestamps_are_required_and_options_validated()
    {
        var error = Assert.Throws<ArgumentException>(() => new LeaveLastOutSplitter().Split(TinyData.Checkerboard()));
        Assert.Contains("no timestamps", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeaveLastOutSplitter(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeaveLastOutSplitter(1, -1));
        Assert.Equal("leave last 1 out per user by timestamp", new LeaveLastOutSplitter().Description);
    }

    private static long[] TimesOf(Dataset part, int user)
        => [.. Enumerable.Range(0, part.Count).Where(i => part.UserIndexes[i] == user).Select(i => part.Timestamps[i])];
}
