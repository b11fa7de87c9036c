using Affinity.Core.Data;

namespace Affinity.Core.Cleaning;

/// <summary>
/// Per-user rating statistics that map a rating to its normalised value and a prediction back:
/// <c>z = (r - mean(u)) / scale(u)</c> and <c>r = z * scale(u) + mean(u)</c>. Immutable.
/// </summary>
/// <remarks>
/// The mean and the population standard deviation (divide by n) follow Surprise's
/// <c>KNNWithMeans</c> and <c>KNNWithZScore</c>. Where a user's ratings do not spread (std 0), the
/// scale is 1 (Surprise uses the overall std there; it matters only when mapping back, because
/// every normalised rating of such a user is 0 either way). Under
/// <see cref="NormalizationMethod.MeanCentering"/> every scale is 1. A user without ratings in the
/// fitted data, or with an index beyond its user map (added since), gets the global mean and std
/// of all fitted ratings (std 1 when they do not spread, or when there are no ratings and the mean is 0).
/// </remarks>
public sealed class Normalizer
{
    private readonly IdMap _users;
    private readonly float[] _means;
    private readonly float[] _scales;

    private Normalizer(NormalizationMethod method, IdMap users, float[] means, float[] scales, float globalMean, float globalScale)
    {
        Method = method;
        _users = users;
        _means = means;
        _scales = scales;
        GlobalMean = globalMean;
        GlobalScale = globalScale;
    }

    /// <summary>The method the statistics were fitted for.</summary>
    public NormalizationMethod Method { get; }

    /// <summary>The mean of all fitted ratings.</summary>
    public float GlobalMean { get; }

    /// <summary>The population std of all fitted ratings (1 under mean centring or when it is 0).</summary>
    public float GlobalScale { get; }

    /// <summary>Computes every user's mean and, for <see cref="NormalizationMethod.ZScore"/>, std.</summary>
    public static Normalizer Fit(Dataset data, NormalizationMethod method)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown normalisation method.");
        }

        var byUser = data.ByUser;
        var values = data.Values;
        var (globalMean, globalStd) = MeanAndStd(values);
        var globalScale = method == NormalizationMethod.ZScore && globalStd > 0 ? globalStd : 1.0;
        var means = new float[data.UserCount];
        var scales = new float[data.UserCount];
        for (var u = 0; u < means.Length; u++)
        {
            var row = byUser.RowValues(u);
            if (row.IsEmpty)
            {
                means[u] = (float)globalMean;
                scales[u] = (float)globalScale;
                continue;
            }

            var (mean, std) = MeanAndStd(row);
            means[u] = (float)mean;
            scales[u] = method == NormalizationMethod.ZScore && std > 0 ? (float)std : 1f;
        }

        return new Normalizer(method, data.Users, means, scales, (float)globalMean, (float)globalScale);
    }

    /// <summary>The mean subtracted from the user's ratings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The user index is negative.</exception>
    public float Mean(int user)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(user);
        return user < _means.Length ? _means[user] : GlobalMean;
    }

    /// <summary>The divisor of the user's centred ratings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The user index is negative.</exception>
    public float Scale(int user)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(user);
        return user < _scales.Length ? _scales[user] : GlobalScale;
    }

    /// <summary>Maps a rating of the user to the normalised scale.</summary>
    public float Normalize(int user, float value) => (value - Mean(user)) / Scale(user);

    /// <summary>Maps a prediction on the normalised scale back to the user's rating scale.</summary>
    public float Denormalize(int user, float value) => (value * Scale(user)) + Mean(user);

    /// <summary>
    /// Normalises the values of a dataset that shares the fitted user map (the fitted dataset, a
    /// split or a subset of it); interactions, order, timestamps and kind stay as they are.
    /// </summary>
    /// <exception cref="ArgumentException">The dataset has another user map.</exception>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!ReferenceEquals(data.Users, _users))
        {
            throw new ArgumentException($"Dataset '{data.Name}' does not share the user map this normaliser was fitted on.", nameof(data));
        }

        var users = data.UserIndexes;
        var values = data.Values;
        var normalized = new float[values.Length];
        for (var i = 0; i < normalized.Length; i++)
        {
            var u = users[i];
            normalized[i] = (values[i] - _means[u]) / _scales[u];
        }

        return data.WithValues(normalized);
    }

    private static (double Mean, double Std) MeanAndStd(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            return (0, 0);
        }

        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        var mean = sum / values.Length;
        var squares = 0.0;
        foreach (var v in values)
        {
            var d = v - mean;
            squares += d * d;
        }

        return (mean, Math.Sqrt(squares / values.Length));
    }
}
