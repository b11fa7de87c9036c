using Affinity.Core.Recommending;

namespace Affinity.Evaluation.Running;

/// <summary>A model to evaluate: a display name, a factory that makes a fresh unfitted instance per fold, and its options as JSON for the manifest.</summary>
/// <param name="Name">The name shown in tables ("bias").</param>
/// <param name="Create">Makes a new, unfitted model.</param>
/// <param name="OptionsJson">The options the factory uses, as JSON.</param>
public sealed record ModelUnderTest(string Name, Func<IRecommender> Create, string OptionsJson = "{}");
