using System.Collections.Concurrent;
using System.Text.Json;
using Affinity.Core.Data;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Running;
using Affinity.Evaluation.Splitting;
using Affinity.Evaluation.Tuning;

namespace Affinity.Evaluation.Tests.Tuning;

public sealed class HyperparameterTunerTests
{
    private static readonly ProtocolInput Input = new(TuningFixtures.Demo);

    [Fact]
    public void Finds_the_better_of_a_light_and_a_crushing_user_shrinkage()
    {
        // reg_u = 10000 shrinks every user bias to about 0, but demo users have biases of sd 0.3, so
        // RMSE must be worse than with reg_u = 10. The script tries 10000 first, so the tuner has to switch.
        var space = SearchSpace.Parse("alsUserReg=choice:10,10000");

        var report = HyperparameterTuner.Tune(TuningFixtures.RatingFolds, Input, TuningFixtures.Bias, space, new TuningOptions
        {
            Trials = 2,
            Strategy = new TuningFixtures.ScriptedStrategy([1], [0]),
        });

        Assert.Equal(["10000", "10"], report.Trials.Select(t => t.Values[0]));
        Assert.True(report.Trials[1].Value < report.Trials[0].Value - 0.01, $"{report.Trials[1].Value} vs {report.Trials[0].Value}");
        Assert.Equal(2, report.Best.Number);
        Assert.Equal(10, JsonDocument.Parse(report.Best.OptionsJson).RootElement.GetProperty("alsUserReg").GetDouble());
        Assert.Equal(("RMSE", false), (report.Metric, report.HigherIsBetter));
    }

    [Fact]
    public void Random_search_over_both_settings_also_picks_the_light_one()
    {
        var report = HyperparameterTuner.Tune(TuningFixtures.RatingFolds, Input, TuningFixtures.Bias, SearchSpace.Parse("alsUserReg=choice:10,10000"), new TuningOptions
        {
            Trials = 6,
            Seed = 3,
            Strategy = new RandomSearch(),
        });

        Assert.Equal(["10", "10000"], report.Trials.Select(t => t.Values[0]).Distinct().Order());
        Assert.Equal("10", report.Best.Values[0]);
        Assert.Equal(report.Trials.Min(t => t.Value), report.Best.Value);
    }

    [Fact]
    public void A_seed_repeats_the_whole_run_and_another_seed_does_not()
    {
        var space = SearchSpace.Parse("alsUserReg=float:0.1..1000:log;alsItemReg=float:0.1..1000:log;alsEpochs=int:1..10");
        TuningReport Run(int seed) => HyperparameterTuner.Tune(TuningFixtures.RatingFolds, Input, TuningFixtures.Bias, space, new TuningOptions { Trials = 4, Seed = seed, Strategy = new TreeParzenSearch(startupTrials: 2) });

        var first = Run(7);
        var again = Run(7);
        var other = Run(8);

        Assert.Equal(first.Trials.Select(t => (t.OptionsJson, t.Value)), again.Trials.Select(t => (t.OptionsJson, t.Value)));
        Assert.NotEqual(first.Trials.Select(t => t.OptionsJson), other.Trials.Select(t => t.OptionsJson));
    }

    [Fact]
    public void Trials_fit_on_training_data_and_predict_validation_pairs_only_never_a_test_pair()
    {
        var split = TuningFixtures.RatingFolds.CreateSplitter(Input).Split(Input.Data)[0];
        var carved = ValidationSplits.Carve(EvaluationKind.Rating, split, seed: 42);
        var fitted = new ConcurrentQueue<Dataset>();
        var predicted = new ConcurrentQueue<(int User, int Item)>();

        HyperparameterTuner.Tune(TuningFixtures.RatingFolds, Input, TuningFixtures.RecordingBias(fitted, predicted), SearchSpace.Parse("alsUserReg=float:1..100"), new TuningOptions { Trials = 3 });

        // The demo data has each (user, item) pair once, so pairs identify interactions.
        Assert.Equal(3, fitted.Count);
        Assert.All(fitted, train => SplitChecksEqual(carved.Split.Train, train));
        Assert.Equal(3 * carved.Split.Test.Count, predicted.Count);
        var testPairs = TuningFixtures.Pairs(split.Test);
        Assert.DoesNotContain(predicted, testPairs.Contains);
        Assert.Subset(TuningFixtures.Pairs(carved.Split.Test), predicted.ToHashSet());
    }

    [Fact]
    public void Evaluating_the_best_options_measures_the_first_splits_test_part_once_beside_the_defaults()
    {
        var split = TuningFixtures.RatingFolds.CreateSplitter(Input).Split(Input.Data)[0];
        var fitted = new ConcurrentQueue<Dataset>();
        var predicted = new ConcurrentQueue<(int User, int Item)>();

        var report = HyperparameterTuner.Tune(TuningFixtures.RatingFolds, Input, TuningFixtures.RecordingBias(fitted, predicted), SearchSpace.Parse("alsUserReg=choice:10,10000"), new TuningOptions
        {
            Trials = 2,
            EvaluateBest = true,
            Strategy = new TuningFixtures.ScriptedStrategy([1], [0]),
        });

        var test = Assert.IsType<EvaluationReport>(report.Test);
        Assert.Equal(["bias (tuned)", "bias (defaults)"], test.Models.Select(m => m.Model));
        Assert.Equal(report.Best.OptionsJson, test.Models[0].OptionsJson);
        Assert.Equal([split.Name], test.Models[0].Folds.Select(f => f.Split));
        Assert.Equal(["RMSE", "MAE"], test.Metrics);
        // Two trials on validation, then the tuned and the default model on the test part, once each.
        var testPairs = TuningFixtures.Pairs(split.Test);
        Assert.Equal(4, fitted.Count);
        Assert.Equal(2 * split.Test.Count, predicted.Count(testPairs.Contains));
    }

    [Fact]
    public void All_folds_average_every_splits_validation_value()
    {
        var space = SearchSpace.Parse("alsUserReg=choice:5");
        var report = HyperparameterTuner.Tune(TuningFixtures.RatingFolds, Input, TuningFixtures.Bias, space, new TuningOptions { Trials = 1, AllFolds = true });

        // The same measurement by hand: carve each of the 5 splits, run the runner on each, average.
        var values = TuningFixtures.RatingFolds.CreateSplitter(Input).Split(Input.Data).Select(split =>
        {
            var carved = ValidationSplits.Carve(EvaluationKind.Rating, split, seed: 42);
            var protocol = TuningFixtures.RatingFolds with { CreateSplitter = _ => new ListSplitter(carved.Split) };
            var json = """{"alsUserReg":5}""";
            var run = EvaluationRunner.Run(protocol, new ProtocolInput(carved.Pool), [new ModelUnderTest("bias", () => TuningFixtures.Bias.Create(json))], new EvaluationOptions { Metrics = ["RMSE"] });
            return run.Models[0].Folds[0].Metrics["RMSE"];
        }).ToArray();

        Assert.Equal(5, report.Validation.Count);
        Assert.Equal(values.Average(), report.Best.Value, 12);
    }

    [Fact]
    public void Testing_after_tuning_on_all_folds_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => HyperparameterTuner.Tune(TuningFixtures.RatingFolds, Input, TuningFixtures.Bias, SearchSpace.Parse("alsUserReg=float:1..10"), new TuningOptions { Trials = 1, AllFolds = true, EvaluateBest = true }));

        Assert.Contains("tune on the first split to test on it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ranking_protocols_maximise_their_metric()
    {
        // With reg_i = 1 an item's bias is about its mean residual, so items one or two users rated
        // highly lead; with reg_i = 1e6 it is the summed residuals / 1e6, which favours items many
        // users rated well, and those are what held-out users have rated (NDCG 0.163 against 0.044).
        var report = HyperparameterTuner.Tune(TuningFixtures.Ranking, Input, TuningFixtures.Bias, SearchSpace.Parse("alsItemReg=choice:1,1000000"), new TuningOptions
        {
            Trials = 2,
            Strategy = new TuningFixtures.ScriptedStrategy([0], [1]),
        });

        Assert.Equal(("NDCG@10", true), (report.Metric, report.HigherIsBetter));
        Assert.Equal(report.Trials.Max(t => t.Value), report.Best.Value);
        Assert.Equal("1000000", report.Best.Values[0]);
        Assert.True(report.Trials[1].Value > report.Trials[0].Value + 0.05);
    }

    [Fact]
    public void Another_metric_of_the_protocols_kind_can_be_optimised_but_not_one_of_the_other_kind()
    {
        var space = SearchSpace.Parse("alsUserReg=float:1..10");

        var mae = HyperparameterTuner.Tune(TuningFixtures.RatingFolds, Input, TuningFixtures.Bias, space, new TuningOptions { Trials = 1, Metric = "mae" });
        var error = Assert.Throws<ArgumentException>(() => HyperparameterTuner.Tune(TuningFixtures.RatingFolds, Input, TuningFixtures.Bias, space, new TuningOptions { Trials = 1, Metric = "NDCG@10" }));

        Assert.Equal("MAE", mae.Metric);
        Assert.Contains("'NDCG@10' is a ranking metric, but 'demo-5fold' measures ratings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Misuse_fails_before_any_trial()
    {
        var space = SearchSpace.Parse("alsUserReg=float:1..10");

        Assert.Throws<ArgumentOutOfRangeException>(() => HyperparameterTuner.Tune(TuningFixtures.RatingFolds, Input, TuningFixtures.Bias, space, new TuningOptions { Trials = 0 }));
        var unknown = Assert.Throws<ArgumentException>(() => HyperparameterTuner.Tune(TuningFixtures.RatingFolds, Input, TuningFixtures.Bias, SearchSpace.Parse("factors=int:1..8"), new TuningOptions { Trials = 1 }));
        Assert.Contains("Its options: solver, alsEpochs", unknown.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => HyperparameterTuner.Tune(TuningFixtures.RatingFolds, Input, TuningFixtures.Bias with { BaseOptionsJson = """{"alsEpochs":0}""" }, space, new TuningOptions { Trials = 1 }));
    }

    private static void SplitChecksEqual(Dataset expected, Dataset actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(TuningFixtures.Pairs(expected).SetEquals(TuningFixtures.Pairs(actual)));
    }

    private sealed class ListSplitter(params DataSplit[] splits) : ISplitter
    {
        public string Description => "fixed";

        public IReadOnlyList<DataSplit> Split(Dataset data) => splits;
    }
}
