using System.Globalization;
using System.Text.Json;
using Affinity.Core.Data;

namespace Affinity.Storage;

/// <summary>
/// Checks input before any write, the same way for every store, and names what is wrong through
/// <see cref="DataFormatException"/>: the source ("events", "item 'sku-1'"), the 1-based position in
/// a batch and the field.
/// </summary>
internal static class RecordValidator
{
    public static void Events(IReadOnlyList<NewEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        for (var i = 0; i < events.Count; i++)
        {
            Event(events[i], i + 1);
        }
    }

    public static void Event(NewEvent? item, long position)
    {
        if (item is null)
        {
            throw new DataFormatException("events", position, null, "the event is null");
        }

        Name("events", position, "userId", item.UserId, StoreLimits.MaxIdLength);
        Name("events", position, "itemId", item.ItemId, StoreLimits.MaxIdLength);
        Name("events", position, "eventType", item.EventType, StoreLimits.MaxEventTypeLength);
        if (!float.IsFinite(item.Value))
        {
            throw new DataFormatException("events", position, "value", $"{item.Value.ToString(CultureInfo.InvariantCulture)} is not a finite number");
        }
    }

    public static void Item(ItemRecord? item, long position)
    {
        if (item is null)
        {
            throw new DataFormatException("items", position, null, "the item is null");
        }

        Name("items", position, "id", item.Id, StoreLimits.MaxIdLength);
        Attributes($"item '{item.Id}'", item.Attributes);
    }

    public static void User(UserRecord? user)
    {
        if (user is null)
        {
            throw new DataFormatException("users", 0, null, "the user is null");
        }

        Name("users", 0, "id", user.Id, StoreLimits.MaxIdLength);
        Attributes($"user '{user.Id}'", user.Attributes);
    }

    public static void Id(string? id, string field) => Name(field, 0, field, id, StoreLimits.MaxIdLength);

    public static void Model(NewModel? model)
    {
        if (model is null)
        {
            throw new DataFormatException("model", 0, null, "the model is null");
        }

        if (model.Status == ModelStatus.Active)
        {
            throw new ArgumentException("A model is registered inactive; ActivateAsync makes it active.", nameof(model));
        }

        if (!Enum.IsDefined(model.Status))
        {
            throw new DataFormatException("model", 0, "status", $"{(int)model.Status} is not a model status");
        }

        Name("model", 0, "algorithm", model.Algorithm, StoreLimits.MaxNameLength);
        Json("optionsJson", model.OptionsJson);
        Json("metricsJson", model.MetricsJson);
        if (model.Snapshot is null)
        {
            throw new DataFormatException("model", 0, "snapshot", "is missing");
        }

        if (model.Content is null)
        {
            throw new DataFormatException("model", 0, "content", "is missing");
        }

        NoControl("model", 0, "snapshot.checksum", model.Snapshot.Checksum ?? string.Empty);
    }

    private static void Attributes(string source, EntityAttributes? attributes)
    {
        if (attributes is null)
        {
            throw new DataFormatException(source, 0, "attributes", "are null (use EntityAttributes.Empty)");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in attributes.Categorical)
        {
            Column(source, names, "categorical", name);
            NoControl(source, 0, $"attributes.categorical.{name}", value);
        }

        foreach (var (name, tags) in attributes.Tags)
        {
            Column(source, names, "tags", name);
            foreach (var tag in tags)
            {
                Name(source, 0, $"attributes.tags.{name}", tag, StoreLimits.MaxIdLength);
            }
        }

        foreach (var (name, value) in attributes.Numeric)
        {
            Column(source, names, "numeric", name);
            if (!double.IsFinite(value))
            {
                throw new DataFormatException(source, 0, $"attributes.numeric.{name}", $"{value.ToString(CultureInfo.InvariantCulture)} is not a finite number (leave a missing value out)");
            }
        }

        foreach (var (name, value) in attributes.Text)
        {
            Column(source, names, "text", name);
            NoControl(source, 0, $"attributes.text.{name}", value, allowLineBreaks: true);
        }
    }

    private static void Column(string source, HashSet<string> names, string kind, string name)
    {
        Name(source, 0, $"attributes.{kind}", name, StoreLimits.MaxNameLength);
        if (!names.Add(name))
        {
            throw new DataFormatException(source, 0, $"attributes.{kind}.{name}", "the name is used by another kind of attribute");
        }
    }

    private static void Name(string source, long position, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DataFormatException(source, position, field, "is empty");
        }

        if (value.Length > maxLength)
        {
            throw new DataFormatException(source, position, field, $"is {value.Length} characters long, more than the {maxLength} allowed");
        }

        NoControl(source, position, field, value);
    }

    // PostgreSQL text cannot hold NUL, and control characters in ids are always a client bug.
    private static void NoControl(string source, long position, string field, string value, bool allowLineBreaks = false)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
            {
                throw new DataFormatException(source, position, field, $"contains the control character U+{(int)c:X4}");
            }
        }
    }

    private static void Json(string field, string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new DataFormatException("model", 0, field, "is empty (use \"{}\")");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new DataFormatException("model", 0, field, "is not a JSON object");
            }
        }
        catch (JsonException e)
        {
            throw new DataFormatException("model", 0, field, $"is not valid JSON: {e.Message}", e);
        }
    }
}
