using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Core.Cleaning;

/// <summary>Pipeline step for <see cref="TimeDecay.Apply"/>.</summary>
public sealed record TimeDecayStep : ICleaningStep
{
    /// <summary>Creates the step.</summary>
    public TimeDecayStep(TimeSpan halfLife, long? referenceTime = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero);
        HalfLife = halfLife;
        ReferenceTime = referenceTime;
    }

    /// <summary>The age at which a value halves.</summary>
    public TimeSpan HalfLife { get; }

    /// <summary>Unix seconds that count as "now"; null for the latest timestamp in the data.</summary>
    public long? ReferenceTime { get; }

    /// <inheritdoc />
    public string Describe()
    {
        var from = ReferenceTime is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"Unix time {t}")
            : "the latest timestamp";
        return string.Create(CultureInfo.InvariantCulture, $"decay values by half every {HalfLife.TotalDays:0.###} days before {from}");
    }

    /// <inheritdoc />
    public Dataset Apply(Dataset data) => TimeDecay.Apply(data, HalfLife, ReferenceTime);
}
