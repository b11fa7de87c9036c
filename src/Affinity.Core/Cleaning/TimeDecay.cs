using Affinity.Core.Data;

namespace Affinity.Core.Cleaning;

/// <summary>Exponential time decay of interaction values, so that recent behaviour counts more.</summary>
public static class TimeDecay
{
    /// <summary>
    /// Multiplies every value by <c>0.5^((reference - timestamp) / halfLife)</c>: an interaction one
    /// half-life older than the reference counts half. Interactions, order, timestamps and kind stay.
    /// </summary>
    /// <param name="data">A dataset with timestamps (Unix seconds).</param>
    /// <param name="halfLife">The age at which a value halves; positive.</param>
    /// <param name="referenceTime">
    /// Unix seconds that count as "now"; null means the latest timestamp in the data. An interaction
    /// later than an explicit reference gets a factor above 1.
    /// </param>
    /// <exception cref="ArgumentException">The dataset has no timestamps.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The half-life is not positive, or the reference lies so far before the data that a factor overflows.</exception>
    public static Dataset Apply(Dataset data, TimeSpan halfLife, long? referenceTime = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero);
        if (!data.HasTimestamps)
        {
            throw new ArgumentException($"Dataset '{data.Name}' has no timestamps, so its values cannot decay with time.", nameof(data));
        }

        var timestamps = data.Timestamps;
        var reference = referenceTime ?? Latest(timestamps);
        var halfLifeSeconds = halfLife.TotalSeconds;
        var source = data.Values;
        var values = new float[source.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var age = (double)reference - timestamps[i];
            values[i] = (float)(source[i] * Math.Pow(0.5, age / halfLifeSeconds));
            if (!float.IsFinite(values[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(referenceTime), referenceTime, $"Interaction {i} at {timestamps[i]} decays to {values[i]} against the reference {reference}.");
            }
        }

        return data.WithValues(values);
    }

    private static long Latest(ReadOnlySpan<long> timestamps)
    {
        var latest = long.MinValue;
        foreach (var t in timestamps)
        {
            latest = Math.Max(latest, t);
        }

        return latest;
    }
}
