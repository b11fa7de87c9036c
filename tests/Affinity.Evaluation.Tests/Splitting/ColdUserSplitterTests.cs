using Affinity.Core.Data;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Tests.Splitting;

public sealed class ColdUserSplitterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    public void Held_out_users_train_on_nothing_give_their_first_n_and_test_the_rest(int given)
    {
        var data = SplitFixtures.Varied();

        var split = Assert.Single(new ColdUserSplitter(0.25, given, seed: 1).Split(data));

        // 8 active users, 0.25 of them: 2 held out.
        var trainCounts = split.Train.UserCounts();
        var heldOut = Enumerable.Range(0, data.UserCount).Where(u => trainCounts[u] == 0).ToArray();
        Assert.Equal(2, heldOut.Length);
        var history = split.Validation!;
        for (var u = 0; u < data.UserCount; u++)
        {
            var times = TimesOf(data, u).Order().ToArray();
            if (heldOut.Contains(u))
            {
                Assert.Equal(times.Take(given), TimesOf(history, u).Order());
                Assert.Equal(times.Skip(given), TimesOf(split.Test, u).Order());
            }
            else
            {
                Assert.Equal(times, TimesOf(split.Train, u).Order());
                Assert.Empty(TimesOf(split.Test, u));
                Assert.Empty(TimesOf(history, u));
            }
        }

        SplitChecks.EnsurePartition(data, split);
        Assert.Same(data.Users, split.Train.Users);
        Assert.Same(data.UserAttributes, split.Train.UserAttributes);
    }

    [Fact]
    public void The_same_seed_holds_out_the_same_users_and_another_seed_others()
    {
        var data = SplitFixtures.Varied();

        var first = SplitFixtures.Fingerprint(new ColdUserSplitter(0.5, 1, seed: 4).Split(data));
        var again = SplitFixtures.Fingerprint(new ColdUserSplitter(0.5, 1, seed: 4).Split(data));
        var other = SplitFixtures.Fingerprint(new ColdUserSplitter(0.5, 1, seed: 9).Split(data));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Giving_interactions_needs_timestamps_but_attributes_alone_do_not()
    {
        var b = new DatasetBuilder("untimed", FeedbackKind.Implicit);
        b.Add("u1", "i1", 1);
        b.Add("u2", "i1", 1);
        var data = b.Build();

        Assert.Throws<ArgumentException>(() => new ColdUserSplitter(0.5, 1).Split(data));
        Assert.Equal(1, Assert.Single(new ColdUserSplitter(0.5, 0).Split(data)).Test.Count);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColdUserSplitter(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColdUserSplitter(0.2, -1));
        Assert.Equal(1, new ColdUserSplitter(0.01).HeldOutCount(8));
        Assert.Equal(2, new ColdUserSplitter(0.25).HeldOutCount(10)); // 2.5 rounds half to even
    }

    private static long[] TimesOf(Dataset part, int user)
    {
        var times = new List<long>();
        for (var i = 0; i < part.Count; i++)
        {
            if (part.UserIndexes[i] == user)
            {
                times.Add(part.Timestamps[i]);
            }
        }

        return [.. times];
    }
}
