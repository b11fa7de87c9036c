using System.Globalization;
using System.Text;
using System.Text.Json;
using Affinity.Evaluation.Running;

namespace Affinity.Evaluation.Reporting;

/// <summary>Writes an <see cref="EvaluationReport"/> as JSON (everything, per-fold values included) or CSV (one row per model and metric).</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The report as indented JSON: manifest, per-model summaries, per-fold values and timings, paired tests.</summary>
    public static string ToJson(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var document = new
        {
            manifest = report.Manifest,
            metrics = report.Metrics,
            beyondAccuracyMetrics = report.BeyondAccuracyMetrics,
            models = report.Models.Select(m => new
            {
                model = m.Model,
                options = JsonDocument.Parse(m.OptionsJson).RootElement,
                metrics = report.AllMetrics.ToDictionary(name => name, name => Summary(m.Summary(name))),
                fitSeconds = Summary(m.FitSeconds),
                predictSeconds = Summary(m.PredictSeconds),
                folds = m.Folds.Select(f => new { split = f.Split, metrics = f.Metrics.ToDictionary(p => p.Key, p => Finite(p.Value)), fitSeconds = f.FitSeconds, predictSeconds = f.PredictSeconds }),
            }),
            comparisons = report.Comparisons,
        };
        return JsonSerializer.Serialize(document, Json);
    }

    /// <summary>The report as CSV: model, metric, mean, standard deviation, then one column per fold.</summary>
    public static string ToCsv(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        var folds = report.Models[0].Folds.Select(f => Quote(f.Split));
        text.Append("model,metric,mean,std,").AppendJoin(',', folds).Append('\n');
        foreach (var model in report.Models)
        {
            foreach (var metric in report.AllMetrics.Append("fit_seconds").Append("predict_seconds"))
            {
                var summary = metric switch
                {
                    "fit_seconds" => model.FitSeconds,
                    "predict_seconds" => model.PredictSeconds,
                    _ => model.Summary(metric),
                };
                text.Append(Quote(model.Model)).Append(',').Append(Quote(metric)).Append(',')
                    .Append(Number(summary.Mean)).Append(',').Append(Number(summary.StandardDeviation)).Append(',')
                    .AppendJoin(',', summary.PerFold.Select(Number)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static object Summary(MetricSummary s) => new { mean = Finite(s.Mean), std = Finite(s.StandardDeviation), perFold = s.PerFold.Select(Finite) };

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("G10", CultureInfo.InvariantCulture) : string.Empty;

    private static string Quote(string value) => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : value;
}
