using Affinity.Evaluation.Running;
using Affinity.Models;

namespace Affinity.Cli.Commands;

/// <summary>Parses <c>--models bias,popularity</c> (with optional <c>name={json options}</c>) into models the runner can create.</summary>
internal static class ModelArguments
{
    public static IReadOnlyList<ModelUnderTest> Parse(string text)
    {
        var models = new List<ModelUnderTest>();
        foreach (var part in SplitTopLevel(text))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = (equals < 0 ? part : part[..equals]).Trim();
            var json = equals < 0 ? null : part[(equals + 1)..].Trim();
            var probe = ModelCatalog.Default.Create(name, json);
            var display = json is null ? probe.Name : $"{probe.Name} {json}";
            models.Add(new ModelUnderTest(display, () => ModelCatalog.Default.Create(name, json), json ?? "{}"));
        }

        return models.Count > 0 ? models : throw new ArgumentException("Name at least one model in --models.");
    }

    /// <summary>Splits on commas that are not inside JSON braces.</summary>
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
