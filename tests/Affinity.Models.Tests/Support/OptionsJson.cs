using System.Text.Json;
using System.Text.Json.Nodes;

namespace Affinity.Models.Tests.Support;

/// <summary>JSON helpers for options tests.</summary>
public static class OptionsJson
{
    /// <summary>A copy of <paramref name="options"/> with the properties of <paramref name="patch"/> overwritten, read back through the catalog's JSON options.</summary>
    public static T Merge<T>(T options, string patch)
    {
        var node = JsonSerializer.SerializeToNode(options, ModelCatalog.JsonOptions)!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(patch)!.AsObject())
        {
            node[key] = value?.DeepClone();
        }

        return node.Deserialize<T>(ModelCatalog.JsonOptions)!;
    }
}
