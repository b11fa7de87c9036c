using System.Text.Json;
using Affinity.Core.Recommending;

namespace Affinity.Models;

/// <summary>
/// One entry of the <see cref="ModelCatalog"/>: a model's name, aliases, description, options type
/// and factory. Immutable.
/// </summary>
public sealed class ModelDescriptor
{
    private readonly Func<JsonElement?, JsonSerializerOptions, IRecommender> _create;

    private ModelDescriptor(string name, string description, Type optionsType, object defaultOptions, IReadOnlyList<string> aliases, Func<JsonElement?, JsonSerializerOptions, IRecommender> create)
    {
        Name = name;
        Description = description;
        OptionsType = optionsType;
        DefaultOptions = defaultOptions;
        Aliases = aliases;
        _create = create;
    }

    /// <summary>The canonical name ("bias").</summary>
    public string Name { get; }

    /// <summary>Other names the catalog accepts for the model.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>One line on what the model does, for listings.</summary>
    public string Description { get; }

    /// <summary>The options record the model takes.</summary>
    public Type OptionsType { get; }

    /// <summary>An options record holding the defaults (an instance of <see cref="OptionsType"/>).</summary>
    public object DefaultOptions { get; }

    /// <summary>Describes a model whose options record is <typeparamref name="TOptions"/>.</summary>
    /// <param name="name">The canonical name.</param>
    /// <param name="description">One line on what the model does.</param>
    /// <param name="factory">Builds an unfitted model from validated options.</param>
    /// <param name="aliases">Other accepted names.</param>
    public static ModelDescriptor For<TOptions>(string name, string description, Func<TOptions, IRecommender> factory, params string[] aliases)
        where TOptions : class, new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(aliases);
        return new ModelDescriptor(name, description, typeof(TOptions), new TOptions(), [.. aliases], (json, jsonOptions) => factory(ReadOptions<TOptions>(name, json, jsonOptions)));
    }

    /// <summary>Builds an unfitted model from JSON options (null or a JSON null means the defaults).</summary>
    /// <exception cref="ArgumentException">The JSON does not describe the options record.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range (the exception names it).</exception>
    public IRecommender Create(JsonElement? options = null) => _create(options, ModelCatalog.JsonOptions);

    private static TOptions ReadOptions<TOptions>(string name, JsonElement? json, JsonSerializerOptions jsonOptions)
        where TOptions : class, new()
    {
        if (json is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return new TOptions();
        }

        try
        {
            return element.Deserialize<TOptions>(jsonOptions) ?? new TOptions();
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The options of model '{name}' are not a valid {typeof(TOptions).Name}: {e.Message}", nameof(json), e);
        }
    }
}
