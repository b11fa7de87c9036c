using System.Globalization;
using Affinity.Core.Data;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary>Prints the shape of a dataset as a table.</summary>
internal static class DatasetSummary
{
    public static void Write(IAnsiConsole console, Dataset data)
    {
        var values = data.Values;
        var min = values.Length == 0 ? 0 : System.Numerics.Tensors.TensorPrimitives.Min(values);
        var max = values.Length == 0 ? 0 : System.Numerics.Tensors.TensorPrimitives.Max(values);
        var density = data.UserCount == 0 || data.ItemCount == 0 ? 0 : (double)data.Count / data.UserCount / data.ItemCount;
        var table = new Table().AddColumns("dataset", Markup.Escape(data.Name));
        table.AddRow("interactions", data.Count.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("users", data.UserCount.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("items", data.ItemCount.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("density", density.ToString("P3", CultureInfo.InvariantCulture));
        table.AddRow("feedback", data.Kind.ToString());
        table.AddRow("values", string.Create(CultureInfo.InvariantCulture, $"{min:G6} .. {max:G6}"));
        table.AddRow("timestamps", data.HasTimestamps ? "yes" : "no");
        table.AddRow("event types", data.HasEventTypes ? Markup.Escape(string.Join(", ", data.EventTypeNames.Ids)) : "no");
        table.AddRow("item attributes", Markup.Escape(string.Join(", ", data.ItemAttributes.Columns.Select(c => c.Name).Order(StringComparer.Ordinal))));
        table.AddRow("user attributes", Markup.Escape(string.Join(", ", data.UserAttributes.Columns.Select(c => c.Name).Order(StringComparer.Ordinal))));
        console.Write(table);
    }
}
