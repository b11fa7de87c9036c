using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Evaluation.Splitting;

/// <summary>
/// A stratified random train/test split, as Microsoft Recommenders' <c>python_stratified_split</c>
/// (recommenders/datasets/python_splitters.py, <c>_do_stratification</c> with <c>is_random=True</c>):
/// <list type="number">
/// <item>With <c>minRating &gt; 1</c>, every group (user or item, by <see cref="StratifyBy"/>) with
/// fewer than <c>minRating</c> interactions is removed first (<c>min_rating_filter_pandas</c>); its
/// interactions are in neither part, so the split covers only the remaining interactions.</item>
/// <item>The interactions of each group are put in a uniformly random order (Recommenders draws a
/// uniform number per row and sorts each group by it; here each group is shuffled with Fisher–Yates
/// by <see cref="Random(int)"/> with the seed, groups in index order: the same distribution, not the
/// same numbers as NumPy).</item>
/// <item>The interaction at 1-based position <c>k</c> of a group of <c>n</c> gets the rank
/// <c>k / n</c>, computed in double precision, and goes to training when <c>k / n ≤ trainRatio</c>,
/// otherwise to test. A group therefore trains on <c>#{k : k / n ≤ trainRatio}</c> interactions:
/// <c>⌊trainRatio × n⌋</c> up to floating-point rounding, which the comparison reproduces exactly
/// (trainRatio 0.29 with n = 100 trains on 29, because 29 / 100 == 0.29, while 0.29 × 100 is
/// 28.999999999999996). A group of one trains on nothing unless trainRatio ≥ 1, which is not allowed,
/// so single-interaction groups go to test.</item>
/// </list>
/// Recommenders defaults: ratio 0.75, min_rating 1, filter_by "user", seed 42.
/// </summary>
/// <remarks>
/// Recommenders takes the test part as the ranks in <c>(trainRatio, trainRatio + (1 − trainRatio)]</c>;
/// that upper bound is never below 1 in double arithmetic, so the test part is all the rest. Parts
/// keep the input order of their interactions (Recommenders returns them sorted by group).
/// </remarks>
public sealed class StratifiedSplitter : ISplitter
{
    private readonly double _trainRatio;
    private readonly int _seed;
    private readonly StratifyBy _by;
    private readonly int _minRating;

    /// <summary>Creates the splitter.</summary>
    /// <param name="trainRatio">The share of each group that trains, strictly between 0 and 1 (Recommenders' <c>ratio</c>).</param>
    /// <param name="seed">The seed of the per-group shuffles.</param>
    /// <param name="by">Group by user (Recommenders' default) or by item.</param>
    /// <param name="minRating">Groups with fewer interactions are removed before splitting; at least 1 (Recommenders' <c>min_rating</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">The ratio is not strictly between 0 and 1, <paramref name="by"/> is undefined, or <paramref name="minRating"/> is below 1.</exception>
    public StratifiedSplitter(double trainRatio, int seed, StratifyBy by = StratifyBy.User, int minRating = 1)
    {
        if (!(trainRatio > 0 && trainRatio < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(trainRatio), trainRatio, "The split ratio must be strictly between 0 and 1.");
        }

        if (!Enum.IsDefined(by))
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "Stratify by user or by item.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(minRating, 1);
        _trainRatio = trainRatio;
        _seed = seed;
        _by = by;
        _minRating = minRating;
    }

    /// <inheritdoc />
    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"stratified by {(_by == StratifyBy.User ? "user" : "item")}, train ratio {_trainRatio:0.###}, min {_minRating} per group, seed {_seed}");

    /// <summary>How many of a group's <paramref name="groupSize"/> interactions train: the count of <c>k</c> in 1..n with <c>k / n ≤ trainRatio</c>.</summary>
    public int TrainCount(int groupSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(groupSize);
        var count = 0;
        while (count < groupSize && (double)(count + 1) / groupSize <= _trainRatio)
        {
            count++;
        }

        return count;
    }

    /// <inheritdoc />
    public IReadOnlyList<DataSplit> Split(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var keys = _by == StratifyBy.User ? data.UserIndexes : data.ItemIndexes;
        var groups = Groups.ByKey(keys, _by == StratifyBy.User ? data.UserCount : data.ItemCount);
        var random = new Random(_seed);
        var partOf = new sbyte[data.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var members = groups[g];
            if (members.Length < _minRating)
            {
                foreach (var i in members)
                {
                    partOf[i] = SplitParts.Dropped;
                }

                continue;
            }

            random.Shuffle(members);
            var trainCount = TrainCount(members.Length);
            for (var k = 0; k < members.Length; k++)
            {
                partOf[members[k]] = k < trainCount ? SplitParts.Train : SplitParts.Test;
            }
        }

        return [SplitParts.Build(data, partOf, "stratified", withValidation: false)];
    }
}
