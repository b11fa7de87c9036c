namespace Affinity.Core.Cleaning;

/// <summary>How <see cref="Normalizer"/> rescales each user's ratings.</summary>
public enum NormalizationMethod
{
    /// <summary><c>r - mean(u)</c>: removes each user's rating bias.</summary>
    MeanCentering,

    /// <summary><c>(r - mean(u)) / std(u)</c>: also removes each user's rating spread.</summary>
    ZScore,
}
