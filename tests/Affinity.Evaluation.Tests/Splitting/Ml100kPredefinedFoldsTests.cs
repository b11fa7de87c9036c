using Affinity.Core.Data;
using Affinity.Core.Loading;
using Affinity.Evaluation.Splitting;
using Affinity.Testing;

namespace Affinity.Evaluation.Tests.Splitting;

/// <summary>The MovieLens 100K fold files against u.data: u1..u5 are a 5-fold cross-validation, ua/ub hold out 10 ratings per user.</summary>
public sealed class Ml100kPredefinedFoldsTests
{
    private static readonly Lazy<Dataset> Ratings = new(LoadRatings);

    [Fact]
    public void U1_to_u5_are_80000_20000_folds_whose_test_sets_partition_u_data()
    {
        var data = Ratings.Value;
        var splitter = PredefinedSplitter.FromFiles(Folds("u1", "u2", "u3", "u4", "u5"));

        var splits = splitter.Split(data);

        Assert.Equal(100_000, data.Count);
        Assert.Equal(["u1", "u2", "u3", "u4", "u5"], splits.Select(s => s.Name));
        Assert.All(splits, s => Assert.Equal((80_000, 20_000), (s.Train.Count, s.Test.Count)));
        SplitChecks.EnsurePartition(data, splits);
        SplitChecks.EnsureTestSetsPartition(data, splits);
    }

    [Fact]
    public void Ua_and_ub_test_exactly_ten_ratings_of_every_user()
    {
        var data = Ratings.Value;

        var splits = PredefinedSplitter.FromFiles(Folds("ua", "ub")).Split(data);

        // 943 users x 10 = 9430 test ratings, 100000 - 9430 = 90570 training ones.
        Assert.All(splits, s => Assert.Equal((90_570, 9_430), (s.Train.Count, s.Test.Count)));
        Assert.All(splits, s => Assert.All(s.Test.UserCounts(), c => Assert.Equal(10, c)));
        SplitChecks.EnsurePartition(data, splits);
    }

    private static IEnumerable<(string Name, string TrainPath, string TestPath)> Folds(params string[] names)
        => names.Select(n => (n, TestData.PathOf("ml-100k", n + ".base"), TestData.PathOf("ml-100k", n + ".test")));

    private static Dataset LoadRatings() => MovieLens100K.LoadRatingsFile(TestData.PathOf("ml-100k", "u.data"), "ml-100k");
}
