using System.CommandLine;
using System.Globalization;
using Affinity.Core.Cleaning;
using Affinity.Core.Data;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary>
/// The cleaning options of <c>datasets import</c>, applied in a fixed order: event weights,
/// duplicate aggregation, rating threshold, time decay, minimum counts, k-core.
/// </summary>
internal sealed class CleaningOptions
{
    private readonly Option<string?> _eventWeights = new("--event-weights") { Description = "Replace values by event-type weights: 'default' (view 1, click 2, cart 4, purchase 8) or a list such as view=1,purchase=10." };
    private readonly Option<DuplicatePolicy?> _dedupe = new("--dedupe") { Description = "Aggregate repeated (user, item) events: Sum, Mean, Max, Min, First, Last or Count." };
    private readonly Option<float?> _threshold = new("--threshold") { Description = "Keep interactions with a value at least this, as implicit positives." };
    private readonly Option<double?> _halfLife = new("--half-life-days") { Description = "Decay values by age: weight 1/2 per this many days before the latest event." };
    private readonly Option<int?> _minCount = new("--min-count") { Description = "Drop users and items with fewer interactions (one pass)." };
    private readonly Option<int?> _kCore = new("--k-core") { Description = "Keep the k-core: repeat until every user and item has at least k interactions." };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _eventWeights, _dedupe, _threshold, _halfLife, _minCount, _kCore })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Runs the steps the user asked for and prints what each did; returns the cleaned data.</summary>
    public Dataset Apply(ParseResult parse, Dataset data, IAnsiConsole console)
    {
        var steps = new List<ICleaningStep>();
        if (parse.GetValue(_eventWeights) is { } weights)
        {
            steps.Add(new EventWeightStep(ParseWeights(weights)));
        }

        if (parse.GetValue(_dedupe) is { } policy)
        {
            steps.Add(new DeduplicateStep(policy));
        }

        if (parse.GetValue(_threshold) is { } threshold)
        {
            steps.Add(new ThresholdStep(threshold));
        }

        if (parse.GetValue(_halfLife) is { } days)
        {
            steps.Add(new TimeDecayStep(TimeSpan.FromDays(days)));
        }

        if (parse.GetValue(_minCount) is { } min)
        {
            steps.Add(new MinInteractionsStep(min, min));
        }

        if (parse.GetValue(_kCore) is { } k)
        {
            steps.Add(new KCoreStep(k, k));
        }

        if (steps.Count == 0)
        {
            return data;
        }

        var result = new CleaningPipeline(steps).Run(data);
        var table = new Table().AddColumns("cleaning step", "rows in", "rows out", "users left", "items left");
        foreach (var step in result.Steps)
        {
            table.AddRow(
                Markup.Escape(step.Description),
                step.RowsIn.ToString("N0", CultureInfo.InvariantCulture),
                step.RowsOut.ToString("N0", CultureInfo.InvariantCulture),
                step.UsersOut.ToString("N0", CultureInfo.InvariantCulture),
                step.ItemsOut.ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        return result.Dataset;
    }

    private static EventWeights ParseWeights(string text)
    {
        if (string.Equals(text, "default", StringComparison.OrdinalIgnoreCase))
        {
            return EventWeights.Default;
        }

        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight))
            {
                throw new ArgumentException($"--event-weights: '{pair}' is not event=weight.");
            }

            weights[parts[0]] = weight;
        }

        return new EventWeights(weights);
    }
}
