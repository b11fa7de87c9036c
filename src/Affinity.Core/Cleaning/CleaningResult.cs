using Affinity.Core.Data;

namespace Affinity.Core.Cleaning;

/// <summary>The output of a <see cref="CleaningPipeline"/> run.</summary>
/// <param name="Dataset">The cleaned dataset.</param>
/// <param name="Steps">What each step did, in order.</param>
public sealed record CleaningResult(Dataset Dataset, IReadOnlyList<CleaningStepReport> Steps);
