using Affinity.Cli.Hosting;
using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;
using Affinity.Core.Demo;

namespace Affinity.Cli.Commands;

/// <summary>Loads the dataset a model command names: a catalogue name, a folder, or <c>demo</c> for the generated demo data.</summary>
internal static class CommandData
{
    /// <summary>The name that stands for <see cref="DemoDataset"/>.</summary>
    public const string Demo = "demo";

    /// <summary>Loads the dataset.</summary>
    /// <exception cref="CliException">The dataset is unknown or not on this machine.</exception>
    public static Dataset Load(DataLocator locator, string nameOrPath)
        => string.Equals(nameOrPath, Demo, StringComparison.OrdinalIgnoreCase) ? DemoDataset.Generate() : locator.Load(nameOrPath).Data;

    /// <summary>
    /// A function from a model's external item id to the item's title in <paramref name="data"/>
    /// (its "title" text attribute), or null where the dataset has no title for that id.
    /// </summary>
    public static Func<string, string?> Titles(Dataset? data)
    {
        if (data is null || !data.ItemAttributes.TryGet<TextColumn>("title", out var titles))
        {
            return _ => null;
        }

        return id => data.Items.TryGetIndex(id, out var index) ? titles.Values[index] : null;
    }
}
