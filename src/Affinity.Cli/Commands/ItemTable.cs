using System.Globalization;
using Affinity.Cli.Hosting;
using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary>Prints a ranked item list by external id, with titles when a dataset provides them.</summary>
internal static class ItemTable
{
    /// <summary>Titles from the dataset named by <c>--data</c>, or none when it is not given.</summary>
    public static Func<string, string?> TitlesFrom(string? data, string? dataDirectory, string? cache)
        => data is null ? _ => null : CommandData.Titles(CommandData.Load(DataLocator.Create(dataDirectory, cache), data));

    /// <summary>
    /// Writes one row per item: rank, external id, title when known, score and, when given, where the list
    /// came from; with <paramref name="reasons"/>, a row under each item holds its reasons, one per line.
    /// </summary>
    public static void Write(IAnsiConsole console, IdMap items, IReadOnlyList<ScoredItem> list, Func<string, string?> titles, string? source, Func<int, IReadOnlyList<string>>? reasons = null)
    {
        var rows = new List<(string Id, string? Title, float Score)>(list.Count);
        foreach (var scored in list)
        {
            var id = items[scored.Item];
            rows.Add((id, titles(id), scored.Score));
        }

        var withTitles = rows.Exists(r => r.Title is not null);
        var table = new Table().AddColumn(new TableColumn("rank").RightAligned()).AddColumn("item");
        if (withTitles)
        {
            table.AddColumn("title");
        }

        table.AddColumn(new TableColumn("score").RightAligned());
        if (source is not null)
        {
            table.AddColumn("source");
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var cells = new List<string> { (r + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(rows[r].Id) };
            if (withTitles)
            {
                cells.Add(Markup.Escape(rows[r].Title ?? "-"));
            }

            cells.Add(rows[r].Score.ToString("G6", CultureInfo.InvariantCulture));
            if (source is not null)
            {
                cells.Add(source);
            }

            table.AddRow([.. cells]);
            if (reasons?.Invoke(list[r].Item) is { Count: > 0 } lines)
            {
                // The reasons sit under the item, in the title column when there is one, else under the id.
                var under = new string[cells.Count];
                Array.Fill(under, string.Empty);
                under[withTitles ? 2 : 1] = Markup.Escape(string.Join('\n', lines));
                table.AddRow(under);
            }
        }

        console.Write(table);
    }
}
