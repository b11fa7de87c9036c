using Affinity.Core.Data;

namespace Affinity.Core.Cleaning;

/// <summary>A normalised dataset and the <see cref="Normalizer"/> that maps predictions back to the rating scale.</summary>
/// <param name="Dataset">The dataset with normalised values.</param>
/// <param name="Normalizer">The per-user statistics fitted on the input.</param>
public sealed record NormalizedRatings(Dataset Dataset, Normalizer Normalizer);
