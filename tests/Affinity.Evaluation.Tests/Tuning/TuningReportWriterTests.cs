using System.Text.Json;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Tuning;

namespace Affinity.Evaluation.Tests.Tuning;

public sealed class TuningReportWriterTests
{
    [Fact]
    public void Json_holds_every_trial_with_its_parameters_options_and_value_and_the_best()
    {
        var report = HyperparameterTuner.Tune(
            TuningFixtures.RatingFolds,
            new ProtocolInput(TuningFixtures.Demo),
            TuningFixtures.Bias,
            SearchSpace.Parse("alsUserReg=float:1..100:log;solver=choice:Als,Sgd"),
            new TuningOptions { Trials = 3, Seed = 5, EvaluateBest = true });

        using var document = JsonDocument.Parse(TuningReportWriter.ToJson(report));
        var root = document.RootElement;

        Assert.Equal("demo-5fold", root.GetProperty("protocol").GetString());
        Assert.Equal("RMSE", root.GetProperty("metric").GetString());
        Assert.Equal("tpe", root.GetProperty("strategy").GetString());
        var trials = root.GetProperty("trials");
        Assert.Equal(3, trials.GetArrayLength());
        for (var t = 0; t < 3; t++)
        {
            var trial = trials[t];
            Assert.Equal(t + 1, trial.GetProperty("number").GetInt32());
            Assert.Equal(report.Trials[t].Value, trial.GetProperty("value").GetDouble());
            Assert.Equal(report.Trials[t].Values[1], trial.GetProperty("parameters").GetProperty("solver").GetString());
            Assert.Equal(report.Trials[t].Point[0], trial.GetProperty("options").GetProperty("alsUserReg").GetDouble());
        }

        Assert.Equal(report.Best.Number, root.GetProperty("best").GetProperty("number").GetInt32());
        Assert.Equal(2, root.GetProperty("test").GetProperty("models").GetArrayLength());
    }

    [Fact]
    public void A_trial_without_a_finite_value_is_written_as_null()
    {
        var space = SearchSpace.Parse("a=float:0..1");
        TuningTrial Trial(int number, double value) => new(number, [0.5], ["0.5"], """{"a":0.5}""", value, 0.1, 0.01);
        var report = new TuningReport("p", "d", "m", space, "random", 1, "RMSE", false, ["v"], [Trial(1, double.NaN), Trial(2, 0.9)], Trial(2, 0.9), null);

        using var document = JsonDocument.Parse(TuningReportWriter.ToJson(report));

        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("trials")[0].GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("test").ValueKind);
    }
}
