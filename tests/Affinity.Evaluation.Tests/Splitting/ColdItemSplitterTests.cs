using Affinity.Core.Data;
using Affinity.Core.Demo;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Tests.Splitting;

public sealed class ColdItemSplitterTests
{
    private static readonly Dataset Data = DemoDataset.Generate(users: 60, items: 50, ratingsPerUser: 12);

    [Fact]
    public void Held_out_items_have_every_interaction_in_test_and_none_in_training()
    {
        var split = Assert.Single(new ColdItemSplitter(0.2, seed: 3).Split(Data));

        var cold = ColdItemSplitter.HeldOutItems(split);
        var trainCounts = split.Train.ItemCounts();
        var testCounts = split.Test.ItemCounts();
        var allCounts = Data.ItemCounts();
        for (var i = 0; i < Data.ItemCount; i++)
        {
            var isCold = Array.BinarySearch(cold, i) >= 0;
            Assert.Equal(isCold ? 0 : allCounts[i], trainCounts[i]);
            Assert.Equal(isCold ? allCounts[i] : 0, testCounts[i]);
        }

        SplitChecks.EnsurePartition(Data, split);
        Assert.Null(split.Validation);
    }

    [Fact]
    public void The_share_is_taken_of_the_touched_items_and_training_keeps_the_whole_catalogue()
    {
        // 50 catalogue items plus 3 nobody touched: 0.2 of the touched ones is 10, never an untouched one.
        var b = new DatasetBuilder("with-untouched", FeedbackKind.Explicit);
        for (var i = 0; i < Data.Count; i++)
        {
            b.Add(Data.Users[Data.UserIndexes[i]], Data.Items[Data.ItemIndexes[i]], Data.Values[i]);
        }

        b.AddItem("x1");
        b.AddItem("x2");
        b.AddItem("x3");
        var data = b.Build();
        var touched = data.ItemCounts().Count(c => c > 0);

        var split = Assert.Single(new ColdItemSplitter(0.2, seed: 3).Split(data));

        Assert.Equal(50, touched);
        Assert.Equal(10, ColdItemSplitter.HeldOutItems(split).Length);
        Assert.Equal(53, split.Train.ItemCount);
        Assert.Same(data.Items, split.Train.Items);
        Assert.Same(data.ItemAttributes, split.Train.ItemAttributes);
    }

    [Theory]
    [InlineData(0.2, 50, 10)]
    [InlineData(0.25, 10, 2)] // 2.5 rounds half to even
    [InlineData(0.01, 10, 1)] // at least one
    [InlineData(0.5, 0, 0)]
    public void Held_out_counts_round_half_to_even_with_at_least_one(double share, int touched, int expected)
    {
        Assert.Equal(expected, new ColdItemSplitter(share).HeldOutCount(touched));
    }

    [Fact]
    public void The_same_seed_gives_the_same_items_and_another_seed_others()
    {
        var first = ColdItemSplitter.HeldOutItems(new ColdItemSplitter(0.2, seed: 5).Split(Data)[0]);
        var again = ColdItemSplitter.HeldOutItems(new ColdItemSplitter(0.2, seed: 5).Split(Data)[0]);
        var other = ColdItemSplitter.HeldOutItems(new ColdItemSplitter(0.2, seed: 6).Split(Data)[0]);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void A_share_outside_zero_to_one_is_rejected(double share)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColdItemSplitter(share));
    }
}
