using System.CommandLine;
using System.Globalization;
using Affinity.Cli.Hosting;
using Affinity.Core.Data;
using Affinity.Core.Loading;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary>
/// <c>affinity datasets import FILE --user COL --item COL ...</c>: reads a CSV, TSV or JSON Lines
/// file of interactions with a column mapping, checks every line, and reports what it found.
/// </summary>
internal static class DatasetsImportCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var file = new Argument<string>("file") { Description = "A .csv, .tsv or .jsonl file of interactions." };
        var user = new Option<string>("--user") { Description = "The user column (name, or 0-based position when there is no header).", Required = true };
        var item = new Option<string>("--item") { Description = "The item column.", Required = true };
        var value = new Option<string?>("--value") { Description = "The value column (rating, count); absent means every interaction counts 1." };
        var timestamp = new Option<string?>("--timestamp") { Description = "The timestamp column (unix seconds or ISO 8601)." };
        var eventType = new Option<string?>("--event") { Description = "The event-type column (view, click, cart, purchase ...)." };
        var noHeader = new Option<bool>("--no-header") { Description = "The file has no header line; columns are positions." };
        var delimiter = new Option<string?>("--delimiter") { Description = "The field separator (default: ',' for .csv, tab for .tsv)." };
        var implicitFeedback = new Option<bool>("--implicit") { Description = "Values are implicit signals (counts, weights), not ratings." };
        var iso = new Option<bool>("--iso-time") { Description = "Timestamps are ISO 8601 text (default: unix seconds)." };
        var skipMissing = new Option<bool>("--skip-missing") { Description = "Skip rows with an empty mapped field instead of stopping with an error." };
        var cleaning = new CleaningOptions();
        var command = new Command("import", "Check, clean and summarise an interactions file with a column mapping.")
        {
            file, user, item, value, timestamp, eventType, noHeader, delimiter, implicitFeedback, iso, skipMissing,
        };
        cleaning.AddTo(command);
        command.SetAction((parse, _) => CommandRunner.RunAsync(console, () =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new CliException($"The file '{path}' does not exist.", ExitCodes.DataNotFound);
            }

            var hasHeader = !parse.GetValue(noHeader);
            var mapping = new ColumnMapping(
                Column(parse.GetValue(user)!, hasHeader)!,
                Column(parse.GetValue(item)!, hasHeader)!,
                value: Column(parse.GetValue(value), hasHeader),
                timestamp: Column(parse.GetValue(timestamp), hasHeader),
                eventType: Column(parse.GetValue(eventType), hasHeader),
                hasHeader: hasHeader,
                delimiter: parse.GetValue(delimiter) ?? (path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? "\t" : ","),
                timestampFormat: parse.GetValue(iso) ? TimestampFormat.Iso8601 : TimestampFormat.UnixSeconds,
                feedbackKind: parse.GetValue(implicitFeedback) ? FeedbackKind.Implicit : FeedbackKind.Explicit,
                missingValue: parse.GetValue(skipMissing) ? MissingValuePolicy.SkipRow : MissingValuePolicy.Error);
            var data = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
                ? JsonLinesLoader.Load(path, mapping)
                : DelimitedFileLoader.Load(path, mapping);
            DatasetSummary.Write(console, cleaning.Apply(parse, data, console));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>A column by name, or by 0-based position when the file has no header.</summary>
    private static ColumnRef? Column(string? text, bool hasHeader)
    {
        if (text is null)
        {
            return null;
        }

        if (hasHeader)
        {
            return ColumnRef.Named(text);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? ColumnRef.At(position)
            : throw new ArgumentException($"Without a header, columns are 0-based positions; '{text}' is not one.");
    }
}
