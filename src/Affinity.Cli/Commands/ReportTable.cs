using System.Globalization;
using Affinity.Evaluation.Running;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary>
/// Renders an evaluation report on the terminal: one row per model with the accuracy metrics
/// (mean ± standard deviation over folds) and timings, then the beyond-accuracy metrics of ranking
/// protocols in a second table, then the paired tests.
/// </summary>
internal static class ReportTable
{
    public static void Write(IAnsiConsole console, EvaluationReport report)
    {
        var manifest = report.Manifest;
        console.MarkupLineInterpolated($"[bold]{manifest.Protocol}[/] on [bold]{manifest.Dataset}[/] ({manifest.DatasetShape})");
        console.MarkupLineInterpolated($"[grey]{manifest.ProtocolDescription}[/]");
        console.Write(Table(report, report.Metrics, withTimes: true));
        if (report.BeyondAccuracyMetrics.Count > 0)
        {
            console.Write(Table(report, report.BeyondAccuracyMetrics, withTimes: false));
        }

        foreach (var c in report.Comparisons)
        {
            console.MarkupLineInterpolated(
                $"[grey]paired over {c.Pairs} (fold, user) pairs, {c.Metric}: {c.ModelA} - {c.ModelB} = {c.MeanDifference.ToString("F4", CultureInfo.InvariantCulture)}, t-test p = {c.PValue.ToString("G3", CultureInfo.InvariantCulture)}, Wilcoxon p = {c.WilcoxonPValue.ToString("G3", CultureInfo.InvariantCulture)}[/]");
        }
    }

    private static Table Table(EvaluationReport report, IReadOnlyList<string> metrics, bool withTimes)
    {
        var table = new Table().AddColumn("model");
        foreach (var metric in metrics)
        {
            table.AddColumn(new TableColumn(Markup.Escape(metric)).RightAligned());
        }

        if (withTimes)
        {
            table.AddColumn(new TableColumn("fit s").RightAligned());
            table.AddColumn(new TableColumn("predict s").RightAligned());
        }

        foreach (var model in report.Models)
        {
            var cells = new List<string> { Markup.Escape(model.Model) };
            cells.AddRange(metrics.Select(m => Format(model.Summary(m), "F4")));
            if (withTimes)
            {
                cells.Add(Format(model.FitSeconds, "F2"));
                cells.Add(Format(model.PredictSeconds, "F2"));
            }

            table.AddRow([.. cells]);
        }

        return table;
    }

    private static string Format(MetricSummary summary, string format)
    {
        if (!double.IsFinite(summary.Mean))
        {
            return "-";
        }

        var mean = summary.Mean.ToString(format, CultureInfo.InvariantCulture);
        return summary.PerFold.Count > 1
            ? $"{mean}±{summary.StandardDeviation.ToString(format, CultureInfo.InvariantCulture)}"
            : mean;
    }
}
