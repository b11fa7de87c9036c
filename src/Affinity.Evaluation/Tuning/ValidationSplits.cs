using System.Globalization;
using Affinity.Core.Data;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Tuning;

/// <summary>A validation split carved from one protocol split: train on <c>Split.Train</c>, measure on <c>Split.Test</c> (the validation part).</summary>
/// <param name="Split">The inner split; its parts are disjoint pieces of the protocol split's training part (or, where the protocol has its own validation part, its training and validation parts).</param>
/// <param name="Pool">Everything the validation run may know, which the inner split partitions: the protocol split's training part, plus its own validation part when that is used. Sampled-ranking protocols draw a user's negatives from outside the user's pool.</param>
/// <param name="Description">How it was made, for reports.</param>
public sealed record CarvedValidation(DataSplit Split, Dataset Pool, string Description);

/// <summary>
/// Makes the validation splits a tuning run measures on, always from the training part of a protocol
/// split, so the test part is never seen while choosing options.
/// </summary>
public static class ValidationSplits
{
    /// <summary>The share of training interactions held out for validation by the default splitters.</summary>
    public const double Share = 0.2;

    /// <summary>
    /// The default validation carve for a protocol kind: for rating protocols a random fifth of the
    /// training ratings (the first fold of <see cref="RandomKFoldSplitter"/> with 5 folds, the same
    /// kind of random split the rating protocols' folds are); for ranking protocols a per-user random
    /// fifth (<see cref="UserHoldoutSplitter"/> with 0.2), so every validated user keeps a history.
    /// </summary>
    public static ISplitter DefaultSplitter(EvaluationKind kind, int seed) => kind == EvaluationKind.Rating
        ? new RandomKFoldSplitter((int)Math.Round(1 / Share), seed)
        : new UserHoldoutSplitter(Share, seed);

    /// <summary>
    /// Carves validation out of <paramref name="split"/>'s training part with <paramref name="splitter"/>
    /// (its first split). Without a splitter, a split that has its own validation part (RecBole's
    /// 8:1:1) is validated on that part, as its protocol intends; otherwise
    /// <see cref="DefaultSplitter"/> carves one.
    /// </summary>
    /// <param name="kind">The protocol's kind, which picks the default splitter.</param>
    /// <param name="split">A split of the protocol.</param>
    /// <param name="seed">The seed of the default splitter.</param>
    /// <param name="splitter">The carve to use instead of the default, or null.</param>
    public static CarvedValidation Carve(EvaluationKind kind, DataSplit split, int seed, ISplitter? splitter = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        var name = $"{split.Name} validation";
        if (splitter is null && split.Validation is { } own)
        {
            return new CarvedValidation(
                new DataSplit(name, split.Train, own),
                Union(split.Train, own, $"{split.Train.Name} + validation"),
                Invariant($"{split.Name}: the protocol's own validation part ({own.Count} interactions), training on the split's training part ({split.Train.Count})"));
        }

        splitter ??= DefaultSplitter(kind, seed);
        var inner = splitter.Split(split.Train)[0];
        return new CarvedValidation(
            new DataSplit(name, inner.Train, inner.Test, inner.Validation),
            split.Train,
            Invariant($"{split.Name}: {inner.Test.Count} of its {split.Train.Count} training interactions held out ({splitter.Description}, first split), training on {inner.Train.Count}"));
    }

    /// <summary>Two parts of one dataset as one (they share its id maps and attributes).</summary>
    private static Dataset Union(Dataset first, Dataset second, string name)
    {
        var timestamps = first.HasTimestamps && second.HasTimestamps ? Concat(first.Timestamps, second.Timestamps) : null;
        var eventTypes = first.HasEventTypes && second.HasEventTypes ? Concat(first.EventTypes, second.EventTypes) : null;
        return new Dataset(
            name,
            first.Kind,
            first.Users,
            first.Items,
            Concat(first.UserIndexes, second.UserIndexes),
            Concat(first.ItemIndexes, second.ItemIndexes),
            Concat(first.Values, second.Values),
            timestamps,
            eventTypes,
            eventTypes is null ? null : first.EventTypeNames,
            first.UserAttributes,
            first.ItemAttributes);
    }

    private static T[] Concat<T>(ReadOnlySpan<T> first, ReadOnlySpan<T> second) => [.. first, .. second];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
