using System.Text;
using System.Text.Json;

namespace Affinity.Storage;

/// <summary>
/// The stored form of <see cref="EntityAttributes"/>: one JSON object with up to four members,
/// <c>{"categorical":{..},"tags":{..:[..]},"numeric":{..},"text":{..}}</c>, empty kinds left out.
/// Both stores keep this text (SQLite as TEXT, PostgreSQL as jsonb).
/// </summary>
internal static class AttributesJson
{
    public static string Write(EntityAttributes attributes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteStrings(writer, "categorical", attributes.Categorical);
            if (attributes.Tags.Count > 0)
            {
                writer.WriteStartObject("tags");
                foreach (var (name, tags) in attributes.Tags.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WriteStartArray(name);
                    foreach (var tag in tags)
                    {
                        writer.WriteStringValue(tag);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            if (attributes.Numeric.Count > 0)
            {
                writer.WriteStartObject("numeric");
                foreach (var (name, value) in attributes.Numeric.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WriteNumber(name, value);
                }

                writer.WriteEndObject();
            }

            WriteStrings(writer, "text", attributes.Text);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static EntityAttributes Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new EntityAttributes(
            Strings(root, "categorical"),
            root.TryGetProperty("tags", out var tags)
                ? tags.EnumerateObject().ToDictionary(
                    p => p.Name,
                    p => (IReadOnlyList<string>)[.. p.Value.EnumerateArray().Select(t => t.GetString()!)],
                    StringComparer.Ordinal)
                : null,
            root.TryGetProperty("numeric", out var numeric)
                ? numeric.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal)
                : null,
            Strings(root, "text"));
    }

    private static void WriteStrings(Utf8JsonWriter writer, string kind, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WriteStartObject(kind);
        foreach (var (name, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    }

    private static Dictionary<string, string>? Strings(JsonElement root, string kind)
        => root.TryGetProperty(kind, out var element)
            ? element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : null;
}
