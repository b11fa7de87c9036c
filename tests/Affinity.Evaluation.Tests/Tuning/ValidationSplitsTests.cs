using Affinity.Core.Loading;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Splitting;
using Affinity.Evaluation.Tuning;
using Affinity.Testing;

namespace Affinity.Evaluation.Tests.Tuning;

public sealed class ValidationSplitsTests
{
    [Fact]
    public void Rating_validation_is_a_random_fifth_of_the_training_part_and_never_touches_the_test_part()
    {
        var data = TuningFixtures.Demo;
        var split = TuningFixtures.RatingFolds.CreateSplitter(new ProtocolInput(data)).Split(data)[0];

        var carved = ValidationSplits.Carve(EvaluationKind.Rating, split, seed: 42);

        // Train minus validation and validation partition the protocol split's training part ...
        SplitChecks.EnsurePartition(split.Train, carved.Split);
        Assert.Same(split.Train, carved.Pool);
        // ... so, the split being a partition of the data, validation and test are disjoint pieces of it.
        SplitChecks.EnsureDisjointWithin(data, new DataSplit("validation and test", carved.Split.Test, split.Test));
        Assert.Empty(TuningFixtures.Pairs(carved.Split.Test).Intersect(TuningFixtures.Pairs(split.Test)));
        // The first of 5 random folds holds ceil(n / 5) of the n training ratings.
        Assert.Equal((split.Train.Count + 4) / 5, carved.Split.Test.Count);
        Assert.Contains("random 5-fold, seed 42", carved.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_disjointness_check_would_catch_a_validation_part_that_reuses_test_interactions()
    {
        var data = TuningFixtures.Demo;
        var split = TuningFixtures.RatingFolds.CreateSplitter(new ProtocolInput(data)).Split(data)[0];

        Assert.Throws<InvalidOperationException>(() => SplitChecks.EnsureDisjointWithin(data, new DataSplit("leaky", split.Test, split.Test)));
    }

    [Fact]
    public void Ranking_validation_holds_out_a_fifth_of_each_users_training_interactions()
    {
        var data = TuningFixtures.Demo;
        var split = TuningFixtures.Ranking.CreateSplitter(new ProtocolInput(data)).Split(data)[0];

        var carved = ValidationSplits.Carve(EvaluationKind.FullRanking, split, seed: 1);

        SplitChecks.EnsurePartition(split.Train, carved.Split);
        SplitChecks.EnsureDisjointWithin(data, new DataSplit("validation and test", carved.Split.Test, split.Test));
        var trainCounts = split.Train.UserCounts();
        var validationCounts = carved.Split.Test.UserCounts();
        var innerCounts = carved.Split.Train.UserCounts();
        for (var u = 0; u < trainCounts.Length; u++)
        {
            Assert.Equal((int)Math.Round(trainCounts[u] * 0.2, MidpointRounding.ToEven), validationCounts[u]);
            Assert.True(trainCounts[u] == 0 || innerCounts[u] > 0);
        }
    }

    [Fact]
    public void A_protocol_with_its_own_validation_part_is_validated_on_it_unless_a_splitter_is_given()
    {
        var data = TuningFixtures.Demo;
        var split = new RecBoleRatioSplitter(0.8, 0.1, 0.1, seed: 3).Split(data)[0];
        Assert.NotNull(split.Validation);

        var own = ValidationSplits.Carve(EvaluationKind.FullRanking, split, seed: 1);
        var carved = ValidationSplits.Carve(EvaluationKind.FullRanking, split, seed: 1, new UserHoldoutSplitter(0.5, seed: 2));

        Assert.Same(split.Train, own.Split.Train);
        Assert.Same(split.Validation, own.Split.Test);
        SplitChecks.EnsurePartition(own.Pool, own.Split);
        Assert.Equal(split.Train.Count + split.Validation!.Count, own.Pool.Count);
        SplitChecks.EnsurePartition(split.Train, carved.Split);
        SplitChecks.EnsureDisjointWithin(data, new DataSplit("validation and test", carved.Split.Test, split.Test));
    }

    [Fact]
    public void On_ml100k_u1_the_validation_part_comes_from_u1_base_only()
    {
        var folder = TestData.PathOf("ml-100k");
        var data = MovieLens100K.Load(folder);
        // The u1 files alone: the same split as the protocol's first, without reading u2..u5.
        var u1 = PredefinedSplitter.FromFiles([("u1", Path.Combine(folder, "u1.base"), Path.Combine(folder, "u1.test"))]).Split(data)[0];

        var carved = ValidationSplits.Carve(EvaluationKind.Rating, u1, seed: 42);

        // u1.base has 80,000 ratings: validation 16,000, training 64,000.
        Assert.Equal((64_000, 16_000), (carved.Split.Train.Count, carved.Split.Test.Count));
        SplitChecks.EnsurePartition(u1.Train, carved.Split);
        SplitChecks.EnsureDisjointWithin(data, new DataSplit("validation and u1.test", carved.Split.Test, u1.Test));
    }
}
