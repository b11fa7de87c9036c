using System.Globalization;
using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;
using Affinity.Core.Features;

namespace Affinity.Core.Profiles;

/// <summary>
/// Builds <see cref="UserProfile"/>s from a dataset's interactions and its items' features, for a
/// user of the dataset or for a history the dataset does not hold (live events).
/// </summary>
/// <remarks>
/// <para>The weight of an interaction is its rating centred on the mean of the history's ratings for
/// explicit feedback (so a user who rates everything 4 likes a 5 and dislikes a 3, the mean-centring
/// of Resnick et al., "GroupLens", CSCW 1994), and its value for implicit feedback; with a half-life
/// it is then multiplied by <c>2^(-age / half-life)</c>, age measured in days back from the reference
/// time. Affinities are the weighted means of <see cref="FeatureAffinity"/>.</para>
/// <para>Activity counts distinct UTC calendar days; recency measures days from the last interaction to
/// the reference time. The rating tendency is the mean and population standard deviation of the
/// ratings themselves, before any decay.</para>
/// <para>Thread-safe: a built instance is immutable and <c>Build</c> keeps its state on the call.</para>
/// </remarks>
public sealed class UserProfileBuilder
{
    private const double SecondsPerDay = 86_400;

    private readonly Dataset _data;
    private readonly FeatureMatrix _items;
    private readonly bool[] _profiled;
    private readonly long? _latest;

    /// <summary>Prepares profiles over <paramref name="data"/>, whose item <c>i</c> is row <c>i</c> of <paramref name="itemFeatures"/>.</summary>
    /// <exception cref="ArgumentException">The feature matrix has a row count other than the item count, or a field of
    /// <see cref="UserProfileOptions.Fields"/> has no feature in it.</exception>
    public UserProfileBuilder(Dataset data, FeatureMatrix itemFeatures, UserProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(itemFeatures);
        if (itemFeatures.RowCount != data.ItemCount)
        {
            throw new ArgumentException($"The feature matrix has {itemFeatures.RowCount} rows but the dataset {data.ItemCount} items.", nameof(itemFeatures));
        }

        _data = data;
        _items = itemFeatures;
        Options = options ?? new UserProfileOptions();
        _profiled = SelectFeatures(itemFeatures, Options.Fields);
        _latest = Latest(data.Timestamps);
    }

    /// <summary>The options the profiles are built with.</summary>
    public UserProfileOptions Options { get; }

    /// <summary>The profile of a user of the dataset, declared attributes included.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a user of the dataset.</exception>
    public UserProfile Build(int user)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(user);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(user, _data.UserCount);
        var byUser = _data.ByUser;
        var timestamps = Array.Empty<long>();
        if (_data.HasTimestamps)
        {
            var entries = byUser.RowEntryIds(user);
            timestamps = new long[entries.Length];
            for (var k = 0; k < entries.Length; k++)
            {
                timestamps[k] = _data.Timestamps[entries[k]];
            }
        }

        return Profile(user, byUser.RowColumns(user), byUser.RowValues(user), timestamps);
    }

    /// <summary>
    /// The profile of a history the dataset does not hold: interaction <c>k</c> is item
    /// <paramref name="items"/>[k] (a dense index of the dataset) with value <paramref name="values"/>[k],
    /// read as the dataset's <see cref="FeedbackKind"/>, at <paramref name="timestamps"/>[k]. It has no
    /// user and no declared attributes.
    /// </summary>
    /// <param name="items">The items.</param>
    /// <param name="values">The values, one per item.</param>
    /// <param name="timestamps">Unix seconds, one per item, or empty when unknown.</param>
    /// <exception cref="ArgumentException">The lengths differ or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An item is not in the dataset.</exception>
    public UserProfile Build(ReadOnlySpan<int> items, ReadOnlySpan<float> values, ReadOnlySpan<long> timestamps)
    {
        if (values.Length != items.Length || (!timestamps.IsEmpty && timestamps.Length != items.Length))
        {
            throw new ArgumentException("Items, values and timestamps (when given) must have the same length.", nameof(values));
        }

        for (var k = 0; k < items.Length; k++)
        {
            if ((uint)items[k] >= (uint)_data.ItemCount)
            {
                throw new ArgumentOutOfRangeException(nameof(items), items[k], $"Item {items[k]} is not in the dataset's {_data.ItemCount} items.");
            }

            if (!float.IsFinite(values[k]))
            {
                throw new ArgumentException($"Interaction {k} has the value {values[k]}.", nameof(values));
            }
        }

        return Profile(-1, items, values, timestamps);
    }

    private UserProfile Profile(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> values, ReadOnlySpan<long> timestamps)
    {
        var ratings = _data.Kind == FeedbackKind.Explicit && !items.IsEmpty ? Tendency(values) : null;
        var reference = Options.ReferenceTime ?? MaxOf(_latest, Latest(timestamps));
        var weights = new double[items.Length];
        for (var k = 0; k < items.Length; k++)
        {
            weights[k] = ratings is null ? values[k] : values[k] - ratings.Mean;
            if (Options.HalfLifeDays is { } halfLife && !timestamps.IsEmpty)
            {
                var ageDays = Math.Max(0, (reference!.Value - timestamps[k]) / SecondsPerDay);
                weights[k] *= Math.Pow(2, -ageDays / halfLife);
            }
        }

        var (affinities, aversions) = Affinities(items, weights);
        return new UserProfile(
            user,
            user < 0 ? null : _data.Users[user],
            _data.Kind,
            affinities,
            aversions,
            Activity(items.Length, timestamps),
            Recent(timestamps, reference),
            ratings,
            user < 0 ? [] : Declared(_data.UserAttributes, user));
    }

    private (List<FeatureAffinity> Affinities, List<FeatureAffinity> Aversions) Affinities(ReadOnlySpan<int> items, double[] weights)
    {
        var sums = new double[_items.FeatureCount];
        var support = new int[_items.FeatureCount];
        var total = 0.0;
        for (var k = 0; k < items.Length; k++)
        {
            total += Math.Abs(weights[k]);
            var features = _items.Values.RowColumns(items[k]);
            var featureValues = _items.Values.RowValues(items[k]);
            for (var e = 0; e < features.Length; e++)
            {
                if (_profiled[features[e]])
                {
                    sums[features[e]] += weights[k] * featureValues[e];
                    support[features[e]]++;
                }
            }
        }

        var positive = new List<FeatureAffinity>();
        var negative = new List<FeatureAffinity>();
        if (total > 0)
        {
            for (var f = 0; f < sums.Length; f++)
            {
                if (sums[f] != 0)
                {
                    var affinity = new FeatureAffinity(f, _items.Features[f], _items.FieldOf(f), _items.ValueOf(f), sums[f] / total, support[f]);
                    (sums[f] > 0 ? positive : negative).Add(affinity);
                }
            }
        }

        // Largest magnitude first; ties in column order, so the same history always lists the same features.
        positive.Sort((a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : a.Feature.CompareTo(b.Feature));
        negative.Sort((a, b) => a.Weight != b.Weight ? a.Weight.CompareTo(b.Weight) : a.Feature.CompareTo(b.Feature));
        Truncate(positive, Options.TopFeatures);
        Truncate(negative, Options.TopFeatures);
        return (positive, negative);
    }

    private static RatingTendency Tendency(ReadOnlySpan<float> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        var mean = sum / values.Length;
        var squares = 0.0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return new RatingTendency(mean, Math.Sqrt(squares / values.Length));
    }

    private static ActivityLevel Activity(int count, ReadOnlySpan<long> timestamps)
    {
        if (timestamps.IsEmpty)
        {
            return new ActivityLevel(count, count == 0 ? 0 : null, null);
        }

        var days = new HashSet<long>();
        foreach (var t in timestamps)
        {
            days.Add((long)Math.Floor(t / SecondsPerDay));
        }

        return new ActivityLevel(count, days.Count, (double)count / days.Count);
    }

    private static Recency? Recent(ReadOnlySpan<long> timestamps, long? reference)
    {
        if (timestamps.IsEmpty)
        {
            return null;
        }

        var first = long.MaxValue;
        var last = long.MinValue;
        foreach (var t in timestamps)
        {
            first = Math.Min(first, t);
            last = Math.Max(last, t);
        }

        return new Recency(first, last, Math.Max(0, (reference!.Value - last) / SecondsPerDay));
    }

    private static List<DeclaredAttribute> Declared(AttributeTable table, int user)
    {
        var declared = new List<DeclaredAttribute>();
        foreach (var column in table.Columns.Where(c => c.HasValue(user)).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var value = column switch
            {
                CategoricalColumn categorical => categorical.ValueOf(user)!,
                NumericColumn numeric => numeric.Values[user].ToString(CultureInfo.InvariantCulture),
                TagsColumn tags => string.Join(", ", tags.TagsOf(user)),
                TextColumn text => text.Values[user]!,
                _ => null,
            };
            if (value is not null)
            {
                declared.Add(new DeclaredAttribute(column.Name, value));
            }
        }

        return declared;
    }

    private static bool[] SelectFeatures(FeatureMatrix features, IReadOnlyList<string>? fields)
    {
        var selected = new bool[features.FeatureCount];
        if (fields is null)
        {
            for (var f = 0; f < selected.Length; f++)
            {
                selected[f] = features.KindOf(f) == FeatureKind.Value;
            }

            return selected;
        }

        var wanted = new HashSet<string>(fields, StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        for (var f = 0; f < selected.Length; f++)
        {
            var field = features.FieldOf(f);
            if (wanted.Contains(field))
            {
                selected[f] = true;
                found.Add(field);
            }
        }

        foreach (var field in fields)
        {
            if (!found.Contains(field))
            {
                throw new ArgumentException($"The item feature matrix has no feature of the field '{field}'.", nameof(fields));
            }
        }

        return selected;
    }

    private static long? Latest(ReadOnlySpan<long> timestamps)
    {
        if (timestamps.IsEmpty)
        {
            return null;
        }

        var latest = long.MinValue;
        foreach (var t in timestamps)
        {
            latest = Math.Max(latest, t);
        }

        return latest;
    }

    private static long? MaxOf(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static void Truncate(List<FeatureAffinity> list, int count)
    {
        if (list.Count > count)
        {
            list.RemoveRange(count, list.Count - count);
        }
    }
}
