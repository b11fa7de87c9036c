using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Evaluation.Splitting;

/// <summary>
/// A per-user random holdout: every user with <c>n</c> interactions has
/// <c>round(n × testRatio)</c> of them, chosen uniformly at random, held out for testing, as
/// LensKit's <c>SampleFrac</c> holdout (lenskit/splitting/holdout.py) applied to every user.
/// The rounding is Python's <c>round</c>, half to even (<see cref="Math.Round(double)"/>), so a
/// user with 5 interactions and a ratio of 0.5 tests 2 (2.5 rounds to 2) and a user with 3 tests 2
/// (1.5 rounds to 2); a user whose share rounds to 0 keeps everything in training.
/// </summary>
/// <remarks>
/// Each user's interactions are shuffled with Fisher–Yates by <see cref="Random(int)"/> with the
/// seed, users in index order, and the first <c>round(n × testRatio)</c> go to test. Parts keep
/// the input order of their interactions.
/// </remarks>
public sealed class UserHoldoutSplitter : ISplitter
{
    private readonly double _testRatio;
    private readonly int _seed;

    /// <summary>Creates the splitter.</summary>
    /// <param name="testRatio">The share of each user's interactions to test on, strictly between 0 and 1.</param>
    /// <param name="seed">The seed of the per-user shuffles.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testRatio"/> is not strictly between 0 and 1.</exception>
    public UserHoldoutSplitter(double testRatio, int seed)
    {
        if (!(testRatio > 0 && testRatio < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testRatio), testRatio, "The test ratio must be strictly between 0 and 1.");
        }

        _testRatio = testRatio;
        _seed = seed;
    }

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture, $"per-user random holdout of {_testRatio:0.###}, seed {_seed}");

    /// <summary>How many of a user's <paramref name="interactionCount"/> interactions go to test.</summary>
    public int TestCount(int interactionCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(interactionCount);
        return (int)Math.Round(interactionCount * _testRatio, MidpointRounding.ToEven);
    }

    /// <inheritdoc />
    public IReadOnlyList<DataSplit> Split(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var groups = Groups.ByKey(data.UserIndexes, data.UserCount);
        var random = new Random(_seed);
        var partOf = new sbyte[data.Count];
        for (var u = 0; u < groups.Count; u++)
        {
            var members = groups[u];
            random.Shuffle(members);
            var testCount = TestCount(members.Length);
            for (var k = 0; k < members.Length; k++)
            {
                partOf[members[k]] = k < testCount ? SplitParts.Test : SplitParts.Train;
            }
        }

        return [SplitParts.Build(data, partOf, "user holdout", withValidation: false)];
    }
}
