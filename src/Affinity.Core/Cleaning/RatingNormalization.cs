using Affinity.Core.Data;

namespace Affinity.Core.Cleaning;

/// <summary>Per-user rating normalisation in one call.</summary>
public static class RatingNormalization
{
    /// <summary>
    /// Fits a <see cref="Normalizer"/> on <paramref name="data"/> and returns it with the
    /// normalised dataset (same interactions, order, timestamps and kind; new values).
    /// </summary>
    public static NormalizedRatings Normalize(Dataset data, NormalizationMethod method)
    {
        var normalizer = Normalizer.Fit(data, method);
        return new NormalizedRatings(normalizer.Transform(data), normalizer);
    }
}
