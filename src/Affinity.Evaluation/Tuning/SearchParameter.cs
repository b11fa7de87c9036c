using System.Text.Json.Nodes;

namespace Affinity.Evaluation.Tuning;

/// <summary>
/// One dimension of a <see cref="SearchSpace"/>: an option of a model's options record and the
/// values a search may give it. A point of the space holds one number per parameter: the value
/// itself for a numeric parameter, the index of the chosen value for a choice. Immutable.
/// </summary>
public abstract class SearchParameter
{
    private protected SearchParameter(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The option's name: as written before <see cref="SearchSpace.Bind"/>, its camelCase JSON name after.</summary>
    public string Name { get; }

    /// <summary>The parameter in the search-space syntax, without the name ("float:0.001..0.3:log").</summary>
    public abstract string Spec { get; }

    /// <summary>The parameter's coordinate of a point, written for a table ("12.5", "Sgd").</summary>
    public abstract string Format(double coordinate);

    /// <summary>The parameter's coordinate of a point as the JSON value the options record reads.</summary>
    internal abstract JsonNode ToJson(double coordinate);

    /// <summary>The same parameter under another name (the canonical JSON name).</summary>
    internal abstract SearchParameter WithName(string name);

    /// <inheritdoc />
    public override string ToString() => $"{Name}={Spec}";
}
