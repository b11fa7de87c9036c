using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Affinity.Benchmarks;

/// <summary>
/// A column that turns a case's mean time into a rate: units per operation (bytes of factors read,
/// interactions built) divided by the mean, per second, divided by <c>scale</c> (1e9 for GB/s).
/// </summary>
public sealed class RateColumn(string header, Func<BenchmarkCase, double?> unitsPerOperation, double scale) : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(RateColumn) + "." + ColumnName;

    /// <inheritdoc />
    public string ColumnName { get; } = header;

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => $"{ColumnName}: units per operation / mean time";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var units = unitsPerOperation(benchmarkCase);
        return mean is > 0 && units is > 0
            ? (units.Value / (mean.Value * 1e-9) / scale).ToString("F2", CultureInfo.InvariantCulture)
            : "-";
    }

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <summary>The value of an integer [Params] property of the case, or null when it has none by that name.</summary>
    public static int? IntParameter(BenchmarkCase benchmarkCase, string name)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        return benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value is int value ? value : null;
    }
}
