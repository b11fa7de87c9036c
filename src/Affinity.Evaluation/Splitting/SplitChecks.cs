using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Evaluation.Splitting;

/// <summary>
/// Guards that a split is what <see cref="ISplitter"/> promises, for tests and for the evaluation
/// runner. Datasets carry no interaction identity, so an interaction is compared by everything it
/// holds: (user, item, value, timestamp, event type). A split is a partition of its source when the
/// multiset of its parts' interactions equals the source's multiset: then the counts add up, nothing
/// is invented, nothing is lost and nothing is in two parts (for a source without repeated
/// (user, item) pairs, no pair appears in two parts). All parts must also share the source's id maps.
/// </summary>
public static class SplitChecks
{
    /// <summary>Checks that the split's parts together are exactly the source's interactions.</summary>
    /// <exception cref="InvalidOperationException">The parts do not partition the source; the message says how.</exception>
    public static void EnsurePartition(Dataset source, DataSplit split)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(split);
        Compare(source, Parts(split), $"the split '{split.Name}'", allowMissing: false);
    }

    /// <summary>Checks <see cref="EnsurePartition(Dataset, DataSplit)"/> for every split.</summary>
    /// <exception cref="InvalidOperationException">Some split does not partition the source.</exception>
    public static void EnsurePartition(Dataset source, IReadOnlyList<DataSplit> splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        foreach (var split in splits)
        {
            EnsurePartition(source, split);
        }
    }

    /// <summary>
    /// Checks that the parts are disjoint pieces of the source that may leave some of it out, for
    /// splitters that filter first (<see cref="StratifiedSplitter"/> with a minimum per group).
    /// </summary>
    /// <exception cref="InvalidOperationException">Some interaction of the parts is not in the source, or is in the parts more often than in the source.</exception>
    public static void EnsureDisjointWithin(Dataset source, DataSplit split)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(split);
        Compare(source, Parts(split), $"the split '{split.Name}'", allowMissing: true);
    }

    /// <summary>Checks that the test parts of the splits partition the source, as the folds of a k-fold cross-validation must.</summary>
    /// <exception cref="InvalidOperationException">The test parts overlap or leave something out.</exception>
    public static void EnsureTestSetsPartition(Dataset source, IReadOnlyList<DataSplit> splits)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(splits);
        var tests = new Dataset[splits.Count];
        for (var s = 0; s < tests.Length; s++)
        {
            tests[s] = splits[s].Test;
        }

        Compare(source, tests, "the test sets of all splits", allowMissing: false);
    }

    private static Dataset[] Parts(DataSplit split)
        => split.Validation is null ? [split.Train, split.Test] : [split.Train, split.Test, split.Validation];

    private static void Compare(Dataset source, Dataset[] parts, string what, bool allowMissing)
    {
        var total = 0;
        foreach (var part in parts)
        {
            if (!ReferenceEquals(part.Users, source.Users) || !ReferenceEquals(part.Items, source.Items))
            {
                throw new InvalidOperationException($"In {what}, the part '{part.Name}' does not share the id maps of '{source.Name}'.");
            }

            total += part.Count;
        }

        if (!allowMissing && total != source.Count)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"In {what}, the parts hold {total} interactions but '{source.Name}' has {source.Count}."));
        }

        var expected = Keys([source]);
        var actual = Keys(parts);
        var e = 0;
        for (var a = 0; a < actual.Length; a++)
        {
            while (allowMissing && e < expected.Length && expected[e].CompareTo(actual[a]) < 0)
            {
                e++;
            }

            if (e >= expected.Length || expected[e].CompareTo(actual[a]) != 0)
            {
                var key = actual[a];
                throw new InvalidOperationException($"In {what}, the parts hold {Describe(source, key)} more often than '{source.Name}' does.");
            }

            e++;
        }

        if (!allowMissing && e != expected.Length)
        {
            throw new InvalidOperationException($"In {what}, the parts leave out {Describe(source, expected[e])}.");
        }
    }

    private static string Describe(Dataset source, InteractionKey key)
        => string.Create(CultureInfo.InvariantCulture, $"the interaction (user '{source.Users[key.User]}', item '{source.Items[key.Item]}', value {BitConverter.Int32BitsToSingle(key.ValueBits)}, timestamp {key.Timestamp})");

    private static InteractionKey[] Keys(Dataset[] parts)
    {
        var count = 0;
        foreach (var part in parts)
        {
            count += part.Count;
        }

        var keys = new InteractionKey[count];
        var k = 0;
        foreach (var part in parts)
        {
            var users = part.UserIndexes;
            var items = part.ItemIndexes;
            var values = part.Values;
            var timestamps = part.Timestamps;
            var eventTypes = part.EventTypes;
            for (var i = 0; i < part.Count; i++)
            {
                keys[k++] = new InteractionKey(
                    users[i],
                    items[i],
                    part.HasTimestamps ? timestamps[i] : long.MinValue,
                    BitConverter.SingleToInt32Bits(values[i]),
                    part.HasEventTypes ? eventTypes[i] : -1);
            }
        }

        Array.Sort(keys);
        return keys;
    }

    private readonly record struct InteractionKey(int User, int Item, long Timestamp, int ValueBits, int EventType) : IComparable<InteractionKey>
    {
        public int CompareTo(InteractionKey other)
        {
            var c = User.CompareTo(other.User);
            if (c == 0)
            {
                c = Item.CompareTo(other.Item);
            }

            if (c == 0)
            {
                c = Timestamp.CompareTo(other.Timestamp);
            }

            if (c == 0)
            {
                c = ValueBits.CompareTo(other.ValueBits);
            }

            return c != 0 ? c : EventType.CompareTo(other.EventType);
        }
    }
}
