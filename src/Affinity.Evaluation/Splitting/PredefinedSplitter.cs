using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Evaluation.Splitting;

/// <summary>
/// Splits that someone else fixed: either a fold number per interaction, or pairs of train/test
/// files such as MovieLens 100K's <c>u1.base</c>/<c>u1.test</c> … <c>u5</c>, <c>ua</c>, <c>ub</c>
/// (Surprise's <c>PredefinedKFold</c> reads the same files).
/// </summary>
/// <remarks>
/// Either way every interaction of the dataset lands in exactly one part of every split, as
/// <see cref="ISplitter"/> promises, and parts keep the input order of their interactions.
/// </remarks>
public sealed class PredefinedSplitter : ISplitter
{
    private readonly int[]? _foldOfInteraction;
    private readonly string[] _names;
    private readonly (string Name, string TrainPath, string TestPath)[]? _files;

    private PredefinedSplitter(int[]? foldOfInteraction, string[] names, (string Name, string TrainPath, string TestPath)[]? files)
    {
        _foldOfInteraction = foldOfInteraction;
        _names = names;
        _files = files;
    }

    /// <inheritdoc />
    public string Description => _files is null
        ? string.Create(CultureInfo.InvariantCulture, $"predefined {_names.Length} folds from a fold assignment")
        : $"predefined folds from files: {string.Join(", ", _names)}";

    /// <summary>
    /// One split per fold: split <c>f</c> tests the interactions whose fold is <c>f</c> and trains on
    /// all the others. The array is copied; its length must equal the dataset's interaction count.
    /// </summary>
    /// <param name="foldOfInteraction">The 0-based fold of every interaction, in dataset order.</param>
    /// <param name="foldNames">The split names, one per fold; by default "fold 1 of k" and so on, with k the largest fold plus one.</param>
    /// <exception cref="ArgumentException">The assignment is empty, a fold is negative or has no name, or a fold has no interactions.</exception>
    public static PredefinedSplitter FromFoldAssignment(int[] foldOfInteraction, IReadOnlyList<string>? foldNames = null)
    {
        ArgumentNullException.ThrowIfNull(foldOfInteraction);
        if (foldOfInteraction.Length == 0)
        {
            throw new ArgumentException("The fold assignment is empty.", nameof(foldOfInteraction));
        }

        var max = -1;
        foreach (var f in foldOfInteraction)
        {
            if (f < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Fold {f} is negative."), nameof(foldOfInteraction));
            }

            max = Math.Max(max, f);
        }

        var k = foldNames?.Count ?? max + 1;
        if (max >= k)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Fold {max} has no name; {k} names were given."), nameof(foldNames));
        }

        var sizes = new int[k];
        foreach (var f in foldOfInteraction)
        {
            sizes[f]++;
        }

        var empty = Array.IndexOf(sizes, 0);
        if (empty >= 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Fold {empty} has no interactions."), nameof(foldOfInteraction));
        }

        var names = new string[k];
        for (var f = 0; f < k; f++)
        {
            names[f] = foldNames is null ? string.Create(CultureInfo.InvariantCulture, $"fold {f + 1} of {k}") : foldNames[f];
            ArgumentException.ThrowIfNullOrWhiteSpace(names[f], nameof(foldNames));
        }

        return new PredefinedSplitter([.. foldOfInteraction], names, null);
    }

    /// <summary>
    /// One split per pair of files. Each non-blank line of a file names one interaction by its first
    /// two fields, separated by whitespace or tabs: the external user id, then the external item id
    /// (further fields, such as ML-100K's rating and timestamp, are ignored; the dataset's values are used).
    /// The files are read when <see cref="Split"/> runs, against the dataset being split.
    /// </summary>
    /// <param name="folds">The split name and the paths of its train and test files.</param>
    /// <exception cref="ArgumentException">No folds, or a blank name or path.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    public static PredefinedSplitter FromFiles(IEnumerable<(string Name, string TrainPath, string TestPath)> folds)
    {
        ArgumentNullException.ThrowIfNull(folds);
        (string Name, string TrainPath, string TestPath)[] files = [.. folds];
        if (files.Length == 0)
        {
            throw new ArgumentException("No folds were given.", nameof(folds));
        }

        foreach (var (name, trainPath, testPath) in files)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(folds));
            ArgumentException.ThrowIfNullOrWhiteSpace(trainPath, nameof(folds));
            ArgumentException.ThrowIfNullOrWhiteSpace(testPath, nameof(folds));
            foreach (var path in (ReadOnlySpan<string>)[trainPath, testPath])
            {
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"The split file '{path}' of '{name}' does not exist.", path);
                }
            }
        }

        return new PredefinedSplitter(null, [.. files.Select(f => f.Name)], files);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The fold assignment's length differs from the interaction count, or (for files) the dataset repeats a (user, item) pair.</exception>
    /// <exception cref="DataFormatException">A file line is malformed, names an unknown user, item or pair, lists a pair twice, or the files leave an interaction out.</exception>
    public IReadOnlyList<DataSplit> Split(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return _files is null ? SplitByAssignment(data, _foldOfInteraction!) : SplitByFiles(data, _files);
    }

    private DataSplit[] SplitByAssignment(Dataset data, int[] foldOf)
    {
        if (foldOf.Length != data.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The fold assignment has {foldOf.Length} entries but '{data.Name}' has {data.Count} interactions."), nameof(data));
        }

        var splits = new DataSplit[_names.Length];
        var partOf = new sbyte[foldOf.Length];
        for (var f = 0; f < splits.Length; f++)
        {
            for (var i = 0; i < foldOf.Length; i++)
            {
                partOf[i] = foldOf[i] == f ? SplitParts.Test : SplitParts.Train;
            }

            splits[f] = SplitParts.Build(data, partOf, _names[f], withValidation: false);
        }

        return splits;
    }

    private static DataSplit[] SplitByFiles(Dataset data, (string Name, string TrainPath, string TestPath)[] files)
    {
        if (data.HasRepeatedPairs)
        {
            throw new ArgumentException($"'{data.Name}' repeats some (user, item) pairs, so a pair in a split file cannot name one interaction; aggregate the repeats first.", nameof(data));
        }

        var lookup = new PairLookup(data);
        var splits = new DataSplit[files.Length];
        var partOf = new sbyte[data.Count];
        for (var s = 0; s < files.Length; s++)
        {
            var (name, trainPath, testPath) = files[s];
            partOf.AsSpan().Fill(SplitParts.Dropped);
            lookup.Assign(trainPath, SplitParts.Train, partOf);
            lookup.Assign(testPath, SplitParts.Test, partOf);
            var missing = Array.IndexOf(partOf, SplitParts.Dropped);
            if (missing >= 0)
            {
                var listed = partOf.Length - partOf.AsSpan().Count(SplitParts.Dropped);
                throw new DataFormatException(
                    $"{trainPath} + {testPath}",
                    0,
                    null,
                    string.Create(CultureInfo.InvariantCulture, $"the files list {listed} of the {data.Count} interactions of '{data.Name}'; the first left out is (user '{data.Users[data.UserIndexes[missing]]}', item '{data.Items[data.ItemIndexes[missing]]}')."));
            }

            splits[s] = SplitParts.Build(data, partOf, name, withValidation: false);
        }

        return splits;
    }
}
