using System.CommandLine;

namespace Affinity.Cli.Hosting;

/// <summary>Options several commands share, made fresh for each command.</summary>
internal static class SharedOptions
{
    /// <summary><c>--data-dir</c>: a folder searched first for datasets.</summary>
    public static Option<string?> DataDirectory() => new("--data-dir")
    {
        Description = $"A folder that holds datasets (searched before ${DataLocator.DataVariable} and the cache).",
    };

    /// <summary><c>--cache</c>: where fetched datasets are kept.</summary>
    public static Option<string?> Cache() => new("--cache")
    {
        Description = "Where fetched datasets are kept (default: $AFFINITY_HOME/datasets or ~/.affinity/datasets).",
    };

    /// <summary><c>--seed</c>: the seed of every random choice.</summary>
    public static Option<int> Seed() => new("--seed")
    {
        Description = "The seed of every random choice the models make.",
        DefaultValueFactory = _ => 42,
    };
}
