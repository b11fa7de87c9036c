using Affinity.Core.Data;
using Affinity.Evaluation.Splitting;
using Affinity.Testing;

namespace Affinity.Evaluation.Tests.Splitting;

public sealed class TimeCutoffSplitterTests
{
    [Theory]
    [InlineData(1000L, 0)]
    [InlineData(1020L, 20)]
    [InlineData(1044L, 44)]
    [InlineData(2000L, 45)]
    public void Training_is_strictly_before_the_cutoff_and_test_at_or_after(long cutoff, int trainCount)
    {
        // Varied has the 45 distinct times 1000..1044.
        var data = SplitFixtures.Varied();

        var split = Assert.Single(new TimeCutoffSplitter(cutoff).Split(data));

        Assert.Equal(trainCount, split.Train.Count);
        Assert.All(split.Train.Timestamps.ToArray(), t => Assert.True(t < cutoff));
        Assert.All(split.Test.Timestamps.ToArray(), t => Assert.True(t >= cutoff));
        SplitChecks.EnsurePartition(data, split);
    }

    [Fact]
    public void A_ratio_puts_the_cutoff_at_the_quantile_of_timestamps()
    {
        var data = SplitFixtures.Varied();
        var splitter = TimeCutoffSplitter.AtTrainRatio(0.8);

        var split = Assert.Single(splitter.Split(data));

        // floor(0.8 x 45) = 36: the cutoff is the 37th smallest time, 1036, and 36 interactions train.
        Assert.Equal(1036, TimeCutoffSplitter.CutoffAt(data, 0.8));
        Assert.Equal((36, 9), (split.Train.Count, split.Test.Count));
        Assert.Equal("time cutoff 1036", split.Name);
        Assert.Equal("global time cutoff at the 0.8 quantile of timestamps", splitter.Description);
    }

    [Fact]
    public void Interactions_tied_with_the_cutoff_all_go_to_test()
    {
        // Times 1, 2, 2, 2, 3 at ratio 0.5: floor(2.5) = 2, sorted[2] = 2, so only the time-1 interaction trains.
        var b = new DatasetBuilder("ties", FeedbackKind.Implicit);
        long[] times = [2, 1, 3, 2, 2];
        for (var i = 0; i < times.Length; i++)
        {
            b.Add($"u{i}", "i", i, times[i]);
        }

        var split = Assert.Single(TimeCutoffSplitter.AtTrainRatio(0.5).Split(b.Build()));

        Assert.Equal([1], SplitFixtures.Positions(split.Train));
        Assert.Equal([0, 2, 3, 4], SplitFixtures.Positions(split.Test));
    }

    [Fact]
    public void Timestamps_are_required_and_the_ratio_validated()
    {
        Assert.Throws<ArgumentException>(() => new TimeCutoffSplitter(0).Split(TinyData.Checkerboard()));
        Assert.Throws<ArgumentException>(() => TimeCutoffSplitter.CutoffAt(TinyData.Checkerboard(), 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeCutoffSplitter.AtTrainRatio(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeCutoffSplitter.AtTrainRatio(0));
    }
}
