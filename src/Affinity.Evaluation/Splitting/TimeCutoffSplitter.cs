using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Evaluation.Splitting;

/// <summary>
/// A global temporal split: interactions before the cutoff train, interactions at or after it are
/// tested, as LensKit's <c>split_global_time</c> (lenskit/splitting/temporal.py: training "from
/// before t", testing "on or after t"). The cutoff is a fixed Unix time, or is found in each
/// dataset from a training ratio with <see cref="AtTrainRatio"/>.
/// </summary>
/// <remarks>Parts keep the input order of their interactions. The dataset must carry timestamps.</remarks>
public sealed class TimeCutoffSplitter : ISplitter
{
    private readonly long _cutoff;
    private readonly double? _trainRatio;

    /// <summary>Creates the splitter with a fixed cutoff.</summary>
    /// <param name="cutoffUnixSeconds">The first second that belongs to the test part.</param>
    public TimeCutoffSplitter(long cutoffUnixSeconds)
    {
        _cutoff = cutoffUnixSeconds;
    }

    private TimeCutoffSplitter(double trainRatio)
    {
        _trainRatio = trainRatio;
    }

    /// <inheritdoc />
    public string Description => _trainRatio is { } ratio
        ? string.Create(CultureInfo.InvariantCulture, $"global time cutoff at the {ratio:0.###} quantile of timestamps")
        : string.Create(CultureInfo.InvariantCulture, $"global time cutoff at {_cutoff} (Unix seconds)");

    /// <summary>
    /// A splitter whose cutoff is, in each dataset it splits, <see cref="CutoffAt"/> the ratio: the
    /// quantile of the timestamps below which about <paramref name="trainRatio"/> of the interactions lie.
    /// </summary>
    /// <param name="trainRatio">The share of interactions meant to train, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The ratio is not strictly between 0 and 1.</exception>
    public static TimeCutoffSplitter AtTrainRatio(double trainRatio)
    {
        CheckRatio(trainRatio);
        return new TimeCutoffSplitter(trainRatio);
    }

    /// <summary>
    /// The cutoff that trains on about <paramref name="trainRatio"/> of the data: with the
    /// timestamps sorted ascending as <c>t[0..n-1]</c>, it is <c>t[⌊trainRatio × n⌋]</c>. Training is
    /// everything strictly before it, so it holds exactly <c>⌊trainRatio × n⌋</c> interactions when
    /// no other interaction shares that timestamp, and fewer when some do (ties all go to test).
    /// </summary>
    /// <exception cref="ArgumentException">The dataset has no timestamps or no interactions.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The ratio is not strictly between 0 and 1.</exception>
    public static long CutoffAt(Dataset data, double trainRatio)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckRatio(trainRatio);
        CheckTimestamps(data);
        if (data.Count == 0)
        {
            throw new ArgumentException($"'{data.Name}' has no interactions to take a time quantile of.", nameof(data));
        }

        var sorted = data.Timestamps.ToArray();
        Array.Sort(sorted);
        return sorted[(int)Math.Floor(trainRatio * sorted.Length)];
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The dataset has no timestamps (or, for a ratio cutoff, no interactions).</exception>
    public IReadOnlyList<DataSplit> Split(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckTimestamps(data);
        var cutoff = _trainRatio is { } ratio ? CutoffAt(data, ratio) : _cutoff;
        var timestamps = data.Timestamps;
        var partOf = new sbyte[data.Count];
        for (var i = 0; i < partOf.Length; i++)
        {
            partOf[i] = timestamps[i] < cutoff ? SplitParts.Train : SplitParts.Test;
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"time cutoff {cutoff}");
        return [SplitParts.Build(data, partOf, name, withValidation: false)];
    }

    private static void CheckRatio(double trainRatio)
    {
        if (!(trainRatio > 0 && trainRatio < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(trainRatio), trainRatio, "The train ratio must be strictly between 0 and 1.");
        }
    }

    private static void CheckTimestamps(Dataset data)
    {
        if (!data.HasTimestamps)
        {
            throw new ArgumentException($"A time cutoff needs timestamps, but '{data.Name}' has none.", nameof(data));
        }
    }
}
