using Affinity.Core.Loading;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Running;
using Affinity.Models.Baselines;
using Affinity.Testing;

namespace Affinity.Evaluation.Tests.Protocols;

/// <summary>The presets on the real datasets: the splits they make and the baseline figures the foundation issue asks for.</summary>
public sealed class ProtocolCatalogTests
{
    private static readonly ModelUnderTest[] Bias = [new("bias", () => new BiasBaseline())];

    private static ProtocolInput LoadMovieLens100K()
    {
        var folder = TestData.PathOf("ml-100k");
        return new ProtocolInput(MovieLens100K.Load(folder), folder);
    }

    [Fact]
    public void Ml100k_u1u5_uses_the_five_canonical_folds_and_the_bias_baseline_stays_under_0_945()
    {
        var report = EvaluationRunner.Run(ProtocolCatalog.MovieLens100KFolds, LoadMovieLens100K(), Bias);

        Assert.Equal(["u1: train 80000, test 20000", "u2: train 80000, test 20000", "u3: train 80000, test 20000", "u4: train 80000, test 20000", "u5: train 80000, test 20000"], report.Manifest.Splits);
        var rmse = report.Models[0].Summary("RMSE").Mean;
        Assert.True(rmse <= 0.945, $"RMSE {rmse}");
        Assert.Equal(0.94242, rmse, 4); // the independent Python transcription of the ALS baseline gives 0.942424
    }

    [Fact]
    public void Surprise_5fold_bias_baseline_is_within_0_005_of_surprises_baseline_only()
    {
        var report = EvaluationRunner.Run(ProtocolCatalog.Surprise5Fold, LoadMovieLens100K(), Bias);

        Assert.Equal(5, report.Manifest.Splits.Count);
        Assert.InRange(report.Models[0].Summary("RMSE").Mean, 0.944 - 0.005, 0.944 + 0.005);
    }

    [Fact]
    public void Ml1m_5fold_tests_each_shipped_fold_once()
    {
        var folder = TestData.PathOf("ml-1m");
        var (data, folds) = MovieLens1M.LoadWithFolds(folder);

        var splits = ProtocolCatalog.MovieLens1MFolds.CreateSplitter(new ProtocolInput(data, folder, folds)).Split(data);

        Assert.Equal([200_042, 200_042, 200_042, 200_042, 200_041], splits.Select(s => s.Test.Count).Order().Reverse().ToArray());
        Assert.All(splits, s => Assert.Equal(1_000_209, s.Train.Count + s.Test.Count));
    }

    [Fact]
    public void Recbole_preparation_keeps_ratings_of_3_and_up_in_a_10_core()
    {
        var (data, _) = MovieLens1M.LoadWithFolds(TestData.PathOf("ml-1m"));

        var prepared = ProtocolCatalog.RecBoleRandom811.Prepare(data);

        Assert.All(prepared.Values.ToArray(), v => Assert.True(v >= 3));
        Assert.All(prepared.UserCounts(), c => Assert.True(c == 0 || c >= 10));
        Assert.All(prepared.ItemCounts(), c => Assert.True(c == 0 || c >= 10));
        Assert.InRange(prepared.Count, 800_000, data.Values.ToArray().Count(v => v >= 3));
    }

    [Fact]
    public void Ncf_leave_one_out_tests_each_users_latest_interaction()
    {
        var input = LoadMovieLens100K();
        var split = Assert.Single(ProtocolCatalog.NcfLeaveOneOut.CreateSplitter(input).Split(ProtocolCatalog.NcfLeaveOneOut.Prepare(input.Data)));

        Assert.Equal(943, split.Test.Count);
        var latest = new long[943];
        var train = split.Train;
        for (var i = 0; i < train.Count; i++)
        {
            latest[train.UserIndexes[i]] = Math.Max(latest[train.UserIndexes[i]], train.Timestamps[i]);
        }

        for (var i = 0; i < split.Test.Count; i++)
        {
            Assert.True(split.Test.Timestamps[i] >= latest[split.Test.UserIndexes[i]]);
        }
    }

    [Fact]
    public void Msr_stratified_keeps_three_quarters_of_each_users_ratings_in_train()
    {
        var input = LoadMovieLens100K();
        var split = Assert.Single(ProtocolCatalog.MicrosoftStratified.CreateSplitter(input).Split(input.Data));

        var train = split.Train.UserCounts();
        var all = input.Data.UserCounts();
        for (var u = 0; u < all.Length; u++)
        {
            Assert.InRange(train[u], (0.75 * all[u]) - 1, (0.75 * all[u]) + 1);
        }
    }
}
