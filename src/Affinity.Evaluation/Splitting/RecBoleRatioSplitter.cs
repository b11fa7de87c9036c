using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Evaluation.Splitting;

/// <summary>
/// RecBole's random ratio split, <c>eval_args: {split: {RS: [train, valid, test]}, order: RO,
/// group_by: user}</c> (recbole/data/dataset/dataset.py: <c>build</c>, <c>shuffle</c>,
/// <c>split_by_ratio</c>, <c>_calcu_split_ids</c>):
/// <list type="number">
/// <item>The ratios are normalised by their sum, summed left to right as Python's <c>sum</c> does.</item>
/// <item>All interactions are shuffled together (ordering "RO"), then grouped by user, each group in
/// shuffled order.</item>
/// <item>A user with <c>n</c> interactions gets <c>valid = int(r_valid × n)</c> and
/// <c>test = int(r_test × n)</c> (truncation), and <c>train = n − valid − test</c>, so the remainder
/// goes to training. Then, test first and validation second, a part whose exact share
/// <c>r × n</c> lies strictly between 0 and 1 takes one interaction from training, but only while
/// training still has more than one; so a user with 1 interaction trains on it, a user with 2
/// (at 0.8/0.1/0.1) trains on one and tests one, and a user with 3 gives one to each part.</item>
/// <item>The first <c>train</c> interactions of the user's shuffled order train, the next
/// <c>valid</c> validate, the rest test.</item>
/// </list>
/// </summary>
/// <remarks>
/// The shuffle is a Fisher–Yates shuffle by <see cref="Random(int)"/> with the seed, so the sizes
/// match RecBole's exactly but the chosen interactions differ from what PyTorch's generator picks.
/// A validation ratio of 0 gives a split with no validation part (RecBole's two-part "RS").
/// Parts keep the input order of their interactions.
/// </remarks>
public sealed class RecBoleRatioSplitter : ISplitter
{
    private readonly double[] _ratios;
    private readonly int _seed;

    /// <summary>Creates the splitter. The ratios need not sum to 1.</summary>
    /// <param name="train">The training ratio, above 0.</param>
    /// <param name="valid">The validation ratio, 0 or above.</param>
    /// <param name="test">The test ratio, above 0.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <exception cref="ArgumentOutOfRangeException">A ratio is out of range or not finite.</exception>
    public RecBoleRatioSplitter(double train = 0.8, double valid = 0.1, double test = 0.1, int seed = 0)
    {
        CheckRatio(train, nameof(train), allowZero: false);
        CheckRatio(valid, nameof(valid), allowZero: true);
        CheckRatio(test, nameof(test), allowZero: false);
        var total = 0.0 + train + valid + test;
        _ratios = [train / total, valid / total, test / total];
        _seed = seed;
    }

    /// <inheritdoc />
    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"RecBole RS {_ratios[0]:0.###}/{_ratios[1]:0.###}/{_ratios[2]:0.###} grouped by user, seed {_seed}");

    /// <summary>How RecBole's <c>_calcu_split_ids</c> divides a user's <paramref name="interactionCount"/> interactions.</summary>
    public (int Train, int Validation, int Test) PartSizes(int interactionCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(interactionCount);
        var n = interactionCount;
        Span<int> count = [0, (int)(_ratios[1] * n), (int)(_ratios[2] * n)];
        count[0] = n - count[1] - count[2];
        for (var part = 2; part >= 1; part--)
        {
            if (count[0] <= 1)
            {
                break;
            }

            var share = _ratios[part] * n;
            if (share > 0 && share < 1)
            {
                count[part]++;
                count[0]--;
            }
        }

        return (count[0], count[1], count[2]);
    }

    /// <inheritdoc />
    public IReadOnlyList<DataSplit> Split(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var shuffled = new int[data.Count];
        for (var i = 0; i < shuffled.Length; i++)
        {
            shuffled[i] = i;
        }

        new Random(_seed).Shuffle(shuffled);
        var groups = Groups.ByKey(data.UserIndexes, data.UserCount, shuffled);
        var partOf = new sbyte[data.Count];
        for (var u = 0; u < groups.Count; u++)
        {
            var members = groups[u];
            var (train, validation, _) = PartSizes(members.Length);
            for (var p = 0; p < members.Length; p++)
            {
                partOf[members[p]] = p < train ? SplitParts.Train
                    : p < train + validation ? SplitParts.Validation
                    : SplitParts.Test;
            }
        }

        return [SplitParts.Build(data, partOf, "RecBole RS", withValidation: _ratios[1] > 0)];
    }

    private static void CheckRatio(double ratio, string name, bool allowZero)
    {
        if (!double.IsFinite(ratio) || ratio < 0 || (ratio == 0 && !allowZero))
        {
            throw new ArgumentOutOfRangeException(name, ratio, allowZero ? "The ratio must be finite and not negative." : "The ratio must be finite and above 0.");
        }
    }
}
