using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Core.Cleaning;

/// <summary>Pipeline step for <see cref="ImplicitConversion.Threshold"/>.</summary>
public sealed record ThresholdStep : ICleaningStep
{
    /// <summary>Creates the step.</summary>
    public ThresholdStep(float threshold, bool keepValues = false)
    {
        if (float.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a number.");
        }

        Threshold = threshold;
        KeepValues = keepValues;
    }

    /// <summary>The smallest value kept.</summary>
    public float Threshold { get; }

    /// <summary>Whether kept interactions keep their value instead of becoming 1.</summary>
    public bool KeepValues { get; }

    /// <inheritdoc />
    public string Describe()
        => string.Create(CultureInfo.InvariantCulture, $"keep values >= {Threshold} as implicit feedback{(KeepValues ? ", values kept" : " of value 1")}");

    /// <inheritdoc />
    public Dataset Apply(Dataset data) => ImplicitConversion.Threshold(data, Threshold, KeepValues);
}
