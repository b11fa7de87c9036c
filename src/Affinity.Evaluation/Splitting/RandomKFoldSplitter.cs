using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Evaluation.Splitting;

/// <summary>
/// Random k-fold cross-validation over interactions, sized as Surprise's <c>KFold</c>
/// (surprise/model_selection/split.py): the interaction positions are shuffled once, then fold
/// <c>f</c> (0-based) tests the shuffled positions <c>[start, stop)</c> where <c>start</c> is the
/// previous fold's <c>stop</c> and <c>stop = start + n / k</c> plus one more when
/// <c>f &lt; n % k</c>; so the first <c>n % k</c> folds hold one interaction more (scikit-learn's
/// <c>KFold</c> sizes its folds the same way). Each fold trains on everything else.
/// </summary>
/// <remarks>
/// The shuffle is a Fisher–Yates shuffle by <see cref="Random(int)"/> with the seed, so a seed always
/// gives the same folds in .NET, though not the same folds as NumPy gives Surprise. Parts keep the
/// input order of their interactions. Like Surprise, the fold count must be at least 2 and at most
/// the number of interactions.
/// </remarks>
public sealed class RandomKFoldSplitter : ISplitter
{
    private readonly int _folds;
    private readonly int _seed;

    /// <summary>Creates the splitter.</summary>
    /// <param name="folds">The number of folds, at least 2.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is less than 2.</exception>
    public RandomKFoldSplitter(int folds, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        _folds = folds;
        _seed = seed;
    }

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture, $"random {_folds}-fold, seed {_seed}");

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The dataset has fewer interactions than folds.</exception>
    public IReadOnlyList<DataSplit> Split(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var n = data.Count;
        if (_folds > n)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Cannot make {_folds} folds of the {n} interactions of '{data.Name}'."), nameof(data));
        }

        var shuffled = new int[n];
        for (var i = 0; i < n; i++)
        {
            shuffled[i] = i;
        }

        new Random(_seed).Shuffle(shuffled);

        var splits = new DataSplit[_folds];
        var partOf = new sbyte[n];
        int start, stop = 0;
        for (var f = 0; f < _folds; f++)
        {
            start = stop;
            stop += n / _folds;
            if (f < n % _folds)
            {
                stop++;
            }

            partOf.AsSpan().Fill(SplitParts.Train);
            foreach (var i in shuffled.AsSpan(start, stop - start))
            {
                partOf[i] = SplitParts.Test;
            }

            var name = string.Create(CultureInfo.InvariantCulture, $"fold {f + 1} of {_folds}");
            splits[f] = SplitParts.Build(data, partOf, name, withValidation: false);
        }

        return splits;
    }
}
