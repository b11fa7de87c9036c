using System.Globalization;
using System.Text.Json.Nodes;

namespace Affinity.Evaluation.Tuning;

/// <summary>
/// An option that takes one of a list of values (<c>choice:Als,Sgd</c>). A point's coordinate is the
/// index of the chosen value. Immutable.
/// </summary>
public sealed class ChoiceParameter : SearchParameter
{
    private readonly string[] _labels;
    private readonly string[] _jsonValues;

    /// <summary>Creates the parameter.</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="labels">The values as written, distinct and not blank.</param>
    /// <exception cref="ArgumentException">No values, a blank one, or one given twice.</exception>
    public ChoiceParameter(string name, IReadOnlyList<string> labels)
        : this(name, labels, [.. (labels ?? throw new ArgumentNullException(nameof(labels))).Select(GuessJson)])
    {
    }

    private ChoiceParameter(string name, IReadOnlyList<string> labels, string[] jsonValues)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
        {
            throw new ArgumentException($"The choice '{name}' lists no values.", nameof(labels));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            if (string.IsNullOrWhiteSpace(label))
            {
                throw new ArgumentException($"The choice '{name}' has a blank value.", nameof(labels));
            }

            if (!seen.Add(label))
            {
                throw new ArgumentException($"The choice '{name}' lists '{label}' twice.", nameof(labels));
            }
        }

        _labels = [.. labels];
        _jsonValues = jsonValues;
    }

    /// <summary>The values as written.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>The number of values.</summary>
    public int Count => _labels.Length;

    /// <inheritdoc />
    public override string Spec => "choice:" + string.Join(',', _labels);

    /// <inheritdoc />
    public override string Format(double coordinate) => _labels[Index(coordinate)];

    /// <summary>The JSON text of each value, as the options record will read it.</summary>
    internal IReadOnlyList<string> JsonValues => _jsonValues;

    /// <inheritdoc />
    internal override JsonNode ToJson(double coordinate) => JsonNode.Parse(_jsonValues[Index(coordinate)])!;

    /// <inheritdoc />
    internal override SearchParameter WithName(string name) => new ChoiceParameter(name, _labels, _jsonValues);

    /// <summary>The same choice with the values written as JSON the way the option's type reads them.</summary>
    internal ChoiceParameter WithJsonValues(string name, string[] jsonValues) => new(name, _labels, jsonValues);

    /// <summary>Numbers and booleans are JSON literals; anything else is a JSON string.</summary>
    internal static string GuessJson(string label)
    {
        if (double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return JsonValue.Create(number).ToJsonString();
        }

        return label is "true" or "false" ? label : JsonValue.Create(label).ToJsonString();
    }

    private int Index(double coordinate)
    {
        var index = (int)coordinate;
        if (index < 0 || index >= _labels.Length || index != coordinate)
        {
            throw new ArgumentOutOfRangeException(nameof(coordinate), coordinate, $"The choice '{Name}' has values 0..{_labels.Length - 1}.");
        }

        return index;
    }
}
