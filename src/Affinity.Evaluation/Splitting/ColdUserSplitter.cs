using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Evaluation.Splitting;

/// <summary>
/// The new-user split: a seeded random share of the users is held out entirely from training. Each
/// held-out user's first <c>n</c> interactions by time are the history given at test time (the
/// split's <see cref="DataSplit.Validation"/> part, which here means "fold-in history", not a tuning
/// set), and the rest of their interactions are the test part. With <c>n = 0</c> the user is known only
/// by their attributes. The training part keeps the full id maps and attribute tables
/// (<see cref="Dataset.Subset"/>), so a held-out user keeps their dense index and attributes.
/// </summary>
/// <remarks>
/// <para>This is the user-side counterpart of Kula's (CBRecSys 2015) item cold-start split, with the
/// "first n interactions" variant of the cold-start user studies that give a new user a few ratings
/// (e.g. DropoutNet, Volkovs et al., NeurIPS 2017, recommending from the preference input alone).</para>
/// <para>The share is taken of the users with at least one interaction: <c>round(share × n)</c> of them,
/// half to even, at least one, chosen by a Fisher–Yates shuffle with <see cref="Random(int)"/> and the
/// seed. "First" orders a user's interactions by timestamp, ties by position in the dataset; the
/// dataset must carry timestamps when <c>n &gt; 0</c>. A held-out user with <c>n</c> or fewer
/// interactions has nothing to test. Parts keep the input order of their interactions.</para>
/// </remarks>
public sealed class ColdUserSplitter : ISplitter
{
    private readonly double _share;
    private readonly int _given;
    private readonly int _seed;

    /// <summary>Creates the splitter.</summary>
    /// <param name="share">The share of the users with interactions to hold out, strictly between 0 and 1.</param>
    /// <param name="givenInteractions">How many of each held-out user's first interactions are given at test time; 0 for attributes alone.</param>
    /// <param name="seed">The seed of the user shuffle.</param>
    /// <exception cref="ArgumentOutOfRangeException">The share is not strictly between 0 and 1, or <paramref name="givenInteractions"/> is negative.</exception>
    public ColdUserSplitter(double share = 0.2, int givenInteractions = 0, int seed = 42)
    {
        if (!(share > 0 && share < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "The share of held-out users must be strictly between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(givenInteractions);
        _share = share;
        _given = givenInteractions;
        _seed = seed;
    }

    /// <inheritdoc />
    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"new users: {_share:0.###} of the users held out entirely, their first {_given} interactions by time given at test time, seed {_seed}");

    /// <summary>How many of <paramref name="activeUsers"/> users are held out.</summary>
    public int HeldOutCount(int activeUsers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(activeUsers);
        return activeUsers == 0 ? 0 : Math.Max(1, (int)Math.Round(activeUsers * _share, MidpointRounding.ToEven));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">Interactions are given (<c>n &gt; 0</c>) but the dataset has no timestamps.</exception>
    public IReadOnlyList<DataSplit> Split(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (_given > 0 && !data.HasTimestamps)
        {
            throw new ArgumentException($"The new-user split gives each user their first {_given} interactions by time, but '{data.Name}' has no timestamps.", nameof(data));
        }

        var groups = Groups.ByKey(data.UserIndexes, data.UserCount);
        var active = new List<int>(groups.Count);
        for (var u = 0; u < groups.Count; u++)
        {
            if (groups[u].Length > 0)
            {
                active.Add(u);
            }
        }

        var order = active.ToArray();
        new Random(_seed).Shuffle(order);
        var heldOut = HeldOutCount(order.Length);
        var partOf = new sbyte[data.Count];
        var byTime = data.HasTimestamps ? new TimeThenPosition(data.Timestamps.ToArray()) : null;
        for (var k = 0; k < heldOut; k++)
        {
            var members = groups[order[k]];
            if (byTime is not null)
            {
                members.Sort(byTime);
            }

            for (var p = 0; p < members.Length; p++)
            {
                partOf[members[p]] = p < _given ? SplitParts.Validation : SplitParts.Test;
            }
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"{heldOut} new users, {_given} given");
        return [SplitParts.Build(data, partOf, name, withValidation: true)];
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
