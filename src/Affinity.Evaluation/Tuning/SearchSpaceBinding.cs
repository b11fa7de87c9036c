using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Affinity.Evaluation.Tuning;

/// <summary>Checks one parameter against an options record through its System.Text.Json contract (<see cref="SearchSpace.Bind"/>).</summary>
internal static class SearchSpaceBinding
{
    public static SearchParameter Bind(SearchParameter parameter, Type optionsType, JsonSerializerOptions jsonOptions)
    {
        var contract = jsonOptions.GetTypeInfo(optionsType);
        var settable = contract.Properties.Where(p => p.Set is not null).ToArray();
        var property = settable.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"The search space names '{parameter.Name}', which is not an option of {optionsType.Name}. Its options: {string.Join(", ", settable.Select(p => p.Name))}.");
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        SearchParameter bound = parameter switch
        {
            NumericParameter numeric => BindNumeric(numeric, property.Name, type),
            ChoiceParameter choice => BindChoice(choice, property.Name, type),
            _ => throw new ArgumentException($"Unknown kind of parameter '{parameter.Name}'."),
        };

        var values = bound switch
        {
            NumericParameter n => new[] { n.Min, n.Max },
            ChoiceParameter c => Enumerable.Range(0, c.Count).Select(i => (double)i).ToArray(),
            _ => [],
        };
        foreach (var value in values)
        {
            CheckAccepted(bound, value, optionsType, jsonOptions);
        }

        return bound;
    }

    private static NumericParameter BindNumeric(NumericParameter numeric, string name, Type type)
    {
        if (!numeric.IsInteger && IsWhole(type))
        {
            throw new ArgumentException($"The option '{name}' takes whole numbers ({type.Name}); write {name}=int:LO..HI.");
        }

        if (!IsWhole(type) && !IsReal(type))
        {
            throw new ArgumentException($"The option '{name}' is a {type.Name}, not a number; write {name}=choice:A,B,...");
        }

        return (NumericParameter)numeric.WithName(name);
    }

    private static ChoiceParameter BindChoice(ChoiceParameter choice, string name, Type type)
    {
        var json = new string[choice.Count];
        for (var i = 0; i < json.Length; i++)
        {
            var label = choice.Labels[i];
            json[i] = type == typeof(string) || type.IsEnum
                ? JsonValue.Create(label).ToJsonString()
                : type == typeof(bool) && bool.TryParse(label, out var flag) ? (flag ? "true" : "false")
                : ChoiceParameter.GuessJson(label);
        }

        return choice.WithJsonValues(name, json);
    }

    /// <summary>Reads <c>{ name: value }</c> as the options record, so its own validation judges the value.</summary>
    private static void CheckAccepted(SearchParameter parameter, double coordinate, Type optionsType, JsonSerializerOptions jsonOptions)
    {
        var text = new JsonObject { [parameter.Name] = parameter.ToJson(coordinate) }.ToJsonString();
        try
        {
            JsonSerializer.Deserialize(text, optionsType, jsonOptions);
        }
        catch (Exception e) when (Rejection(e) is { } reason)
        {
            throw new ArgumentException($"The option '{parameter.Name}' does not accept {parameter.Format(coordinate)} ({parameter}): {reason}", e);
        }
    }

    private static string? Rejection(Exception e) => e switch
    {
        JsonException or NotSupportedException => e.Message,
        ArgumentException argument => argument.Message,
        TargetInvocationException { InnerException: ArgumentException inner } => inner.Message,
        _ => null,
    };

    private static bool IsWhole(Type type)
        => type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
            || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte);

    private static bool IsReal(Type type) => type == typeof(double) || type == typeof(float) || type == typeof(decimal);
}
