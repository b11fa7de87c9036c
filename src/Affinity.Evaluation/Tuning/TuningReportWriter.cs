using System.Text.Json;
using System.Text.Json.Nodes;
using Affinity.Evaluation.Reporting;

namespace Affinity.Evaluation.Tuning;

/// <summary>Writes a <see cref="TuningReport"/> as JSON: the run's settings, every trial, the best options and, when measured, the test report.</summary>
public static class TuningReportWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// The report as indented JSON. Trials hold their parameter values (numbers, or a choice's value
    /// as written), the full options, the validation value (null when not finite) and timings;
    /// <c>test</c> is <see cref="ReportWriter.ToJson"/>'s document, or null.
    /// </summary>
    public static string ToJson(TuningReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var trials = new JsonArray();
        foreach (var trial in report.Trials)
        {
            trials.Add(Trial(report, trial));
        }

        var document = new JsonObject
        {
            ["protocol"] = report.Protocol,
            ["dataset"] = report.Dataset,
            ["model"] = report.Model,
            ["space"] = report.Space.ToString(),
            ["strategy"] = report.Strategy,
            ["seed"] = report.Seed,
            ["metric"] = report.Metric,
            ["higherIsBetter"] = report.HigherIsBetter,
            ["validation"] = new JsonArray([.. report.Validation.Select(v => JsonValue.Create(v))]),
            ["trials"] = trials,
            ["best"] = Trial(report, report.Best),
            ["test"] = report.Test is null ? null : JsonNode.Parse(ReportWriter.ToJson(report.Test)),
        };
        return document.ToJsonString(Indented);
    }

    private static JsonObject Trial(TuningReport report, TuningTrial trial)
    {
        var parameters = new JsonObject();
        for (var p = 0; p < report.Space.Parameters.Count; p++)
        {
            var parameter = report.Space.Parameters[p];
            parameters[parameter.Name] = parameter is ChoiceParameter choice
                ? JsonValue.Create(choice.Labels[(int)trial.Point[p]])
                : JsonValue.Create(trial.Point[p]);
        }

        return new JsonObject
        {
            ["number"] = trial.Number,
            ["parameters"] = parameters,
            ["options"] = JsonNode.Parse(trial.OptionsJson),
            ["value"] = double.IsFinite(trial.Value) ? trial.Value : null,
            ["fitSeconds"] = trial.FitSeconds,
            ["predictSeconds"] = trial.PredictSeconds,
        };
    }
}
