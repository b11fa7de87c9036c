using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Affinity.Cli.Hosting;
using Affinity.Core.Features;
using Affinity.Core.Profiles;
using Spectre.Console;

namespace Affinity.Cli.Commands;

/// <summary>
/// <c>affinity profile --data NAME --user ID [--top N] [--half-life DAYS] [--json]</c>: what a user's
/// history and declared attributes say about them (<see cref="UserProfile"/>), as tables or as JSON.
/// </summary>
internal static class ProfileCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // The output goes to a terminal or a file, not into HTML: "Children's" reads better than "Children\u0027s".
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Command Create(IAnsiConsole console)
    {
        var data = new Option<string>("--data") { Description = "The dataset: a catalogue name (ml-100k), a folder, or 'demo'.", Required = true };
        var user = new Option<string>("--user") { Description = "The user's external id, as in the dataset.", Required = true };
        var top = new Option<int>("--top") { Description = "How many features to list the user leans towards, and away from.", DefaultValueFactory = _ => 10 };
        var halfLife = new Option<double?>("--half-life") { Description = "Days after which an interaction counts half as much as the dataset's latest (no decay when left out)." };
        var json = new Option<bool>("--json") { Description = "Print the profile as JSON instead of tables." };
        var dataDir = SharedOptions.DataDirectory();
        var cache = SharedOptions.Cache();
        var command = new Command("profile", "Show a user's profile: feature affinities, activity, recency, rating tendency and declared attributes.")
        {
            data, user, top, halfLife, json, dataDir, cache,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(console, () =>
        {
            var options = new UserProfileOptions { TopFeatures = parse.GetValue(top), HalfLifeDays = parse.GetValue(halfLife) };
            var dataset = CommandData.Load(DataLocator.Create(parse.GetValue(dataDir), parse.GetValue(cache)), parse.GetValue(data)!);
            var userId = parse.GetValue(user)!;
            var index = dataset.Users.IndexOf(userId);
            if (index < 0)
            {
                throw new CliException($"The user '{userId}' is not in {dataset.Name}.", ExitCodes.Usage);
            }

            // 0/1 genres and raw tag counts read as shares of the history; TF-IDF weights would not.
            var features = FeatureEncoder.Encode(dataset.ItemAttributes, new FeatureEncoderOptions { TfIdf = false });
            var profile = new UserProfileBuilder(dataset, features, options).Build(index);
            if (parse.GetValue(json))
            {
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(profile, Json));
            }
            else
            {
                Write(console, dataset.Name, profile);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Write(IAnsiConsole console, string dataset, UserProfile profile)
    {
        console.MarkupLineInterpolated($"Profile of user {profile.UserId} in {dataset}:");
        var facts = new Table().AddColumn("fact").AddColumn(new TableColumn("value").RightAligned());
        foreach (var attribute in profile.Attributes)
        {
            facts.AddRow(Markup.Escape(attribute.Field), Markup.Escape(attribute.Value));
        }

        facts.AddRow("interactions", Number(profile.Activity.Interactions));
        if (profile.Activity.ActiveDays is { } days)
        {
            facts.AddRow("active days", Number(days));
        }

        if (profile.Activity.InteractionsPerActiveDay is { } perDay)
        {
            facts.AddRow("interactions per active day", Number(perDay));
        }

        if (profile.Recency is { } recency)
        {
            facts.AddRow("first", Date(recency.First));
            facts.AddRow("last", Date(recency.Last));
            facts.AddRow("days since last", Number(recency.DaysSinceLast));
        }

        if (profile.Ratings is { } ratings)
        {
            facts.AddRow("mean rating", Number(ratings.Mean));
            facts.AddRow("rating deviation", Number(ratings.StandardDeviation));
        }

        console.Write(facts);
        WriteAffinities(console, "Leans towards:", profile.Affinities);
        WriteAffinities(console, "Leans away from:", profile.Aversions);
    }

    private static void WriteAffinities(IAnsiConsole console, string title, IReadOnlyList<FeatureAffinity> affinities)
    {
        if (affinities.Count == 0)
        {
            return;
        }

        console.WriteLine(title);
        var table = new Table()
            .AddColumn(new TableColumn("rank").RightAligned())
            .AddColumn("field")
            .AddColumn("value")
            .AddColumn(new TableColumn("affinity").RightAligned())
            .AddColumn(new TableColumn("interactions").RightAligned());
        for (var r = 0; r < affinities.Count; r++)
        {
            var a = affinities[r];
            table.AddRow(Number(r + 1), Markup.Escape(a.Field), Markup.Escape(a.Value), Number(a.Weight), Number(a.Support));
        }

        console.Write(table);
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Date(long unixSeconds)
        => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
