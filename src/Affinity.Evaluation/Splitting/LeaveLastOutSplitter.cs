using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Evaluation.Splitting;

/// <summary>
/// Per-user leave-last-k-out by timestamp: every user's latest <c>k</c> interactions are tested,
/// as in the NCF protocol (He et al., "Neural Collaborative Filtering", WWW 2017: "we held-out
/// the latest interaction of each user as the test set") for <c>k = 1</c>. With a validation count
/// <c>v &gt; 0</c>, the <c>v</c> interactions just before the test ones form the validation part.
/// </summary>
/// <remarks>
/// <para>"Latest" orders each user's interactions by timestamp; interactions with the same timestamp
/// are ordered by their position in the dataset, a later position counting as later.</para>
/// <para>A user with <c>n ≤ k</c> interactions keeps all of them in training, so nobody is tested
/// without a history (RecBole's <c>leave_one_out</c> instead tests <c>n − 1</c> of them). A user with
/// <c>k &lt; n ≤ k + v</c> is tested but gives nothing to validation. Training thus always keeps at
/// least one interaction of every user.</para>
/// <para>Parts keep the input order of their interactions. The dataset must carry timestamps.</para>
/// </remarks>
public sealed class LeaveLastOutSplitter : ISplitter
{
    private readonly int _k;
    private readonly int _validationCount;

    /// <summary>Creates the splitter.</summary>
    /// <param name="k">How many of each user's latest interactions to test, at least 1.</param>
    /// <param name="validationCount">How many interactions before those to hold out for validation; 0 for no validation part.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1 or <paramref name="validationCount"/> is negative.</exception>
    public LeaveLastOutSplitter(int k = 1, int validationCount = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(validationCount);
        _k = k;
        _validationCount = validationCount;
    }

    /// <inheritdoc />
    public string Description => _validationCount == 0
        ? string.Create(CultureInfo.InvariantCulture, $"leave last {_k} out per user by timestamp")
        : string.Create(CultureInfo.InvariantCulture, $"leave last {_k} out per user by timestamp, {_validationCount} before them for validation");

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The dataset has no timestamps.</exception>
    public IReadOnlyList<DataSplit> Split(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.HasTimestamps)
        {
            throw new ArgumentException($"Leave-last-out orders interactions by time, but '{data.Name}' has no timestamps.", nameof(data));
        }

        var groups = Groups.ByKey(data.UserIndexes, data.UserCount);
        var byTime = new TimeThenPosition(data.Timestamps.ToArray());
        var partOf = new sbyte[data.Count];
        for (var u = 0; u < groups.Count; u++)
        {
            var members = groups[u];
            members.Sort(byTime);
            var n = members.Length;
            var tested = n > _k ? _k : 0;
            var validated = n > _k + _validationCount ? _validationCount : 0;
            for (var p = 0; p < n; p++)
            {
                partOf[members[p]] = p >= n - tested ? SplitParts.Test
                    : p >= n - tested - validated ? SplitParts.Validation
                    : SplitParts.Train;
            }
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"leave last {_k} out");
        return [SplitParts.Build(data, partOf, name, withValidation: _validationCount > 0)];
    }

    private sealed class TimeThenPosition(long[] timestamps) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var byTime = timestamps[x].CompareTo(timestamps[y]);
            return byTime != 0 ? byTime : x.CompareTo(y);
        }
    }
}
