using System.Text.Json;
using Affinity.Core.Recommending;

namespace Affinity.Evaluation.Tuning;

/// <summary>
/// The model a tuning run searches: its name, its options record type (to check the search space
/// against) and a factory from options JSON. Evaluation knows models only through
/// <see cref="IRecommender"/>, so the host fills this from its model catalogue.
/// </summary>
/// <param name="Name">The model's name ("bias").</param>
/// <param name="OptionsType">The options record the model takes.</param>
/// <param name="Create">Builds an unfitted model from options JSON; throws <see cref="ArgumentException"/> for options it rejects.</param>
public sealed record TuningTarget(string Name, Type OptionsType, Func<string, IRecommender> Create)
{
    /// <summary>How the options record reads JSON (names, enums); the web defaults unless set.</summary>
    public JsonSerializerOptions JsonOptions { get; init; } = JsonSerializerOptions.Web;

    /// <summary>Options every trial starts from, as a JSON object; the searched parameters replace their values.</summary>
    public string BaseOptionsJson { get; init; } = "{}";
}
