namespace Affinity.Core.Profiles;

/// <summary>Options of <see cref="UserProfileBuilder"/>; immutable, validated when set.</summary>
public sealed record UserProfileOptions
{
    /// <summary>How many features <see cref="UserProfile.Affinities"/> and <see cref="UserProfile.Aversions"/> list at most; at least 0.</summary>
    public int TopFeatures
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(TopFeatures));
            field = value;
        }
    } = 10;

    /// <summary>
    /// The half-life of an interaction's weight in days: an interaction that many days before the
    /// reference time counts half as much as one at it, <c>w · 2^(-age / half-life)</c>; null for no
    /// decay. Ignored for histories without timestamps. Positive and finite when set.
    /// </summary>
    public double? HalfLifeDays
    {
        get;
        init
        {
            if (value is { } days && (!double.IsFinite(days) || days <= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(HalfLifeDays), days, "The half-life must be a positive number of days.");
            }

            field = value;
        }
    }

    /// <summary>
    /// The item feature fields whose features get affinities ("genres", "tags"); null for every
    /// categorical and multi-valued field (<see cref="Features.FeatureKind.Value"/>), leaving out the
    /// words of free text ("title:the") and numeric fields, which say little a person recognises as
    /// a taste. A named field must have features in the item feature matrix.
    /// </summary>
    /// <exception cref="ArgumentException">A name is null, blank or repeated.</exception>
    public IReadOnlyList<string>? Fields
    {
        get;
        init
        {
            if (value is null)
            {
                field = null;
                return;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in value)
            {
                if (string.IsNullOrWhiteSpace(name) || !seen.Add(name))
                {
                    throw new ArgumentException($"The field name '{name}' is blank or repeated.", nameof(Fields));
                }
            }

            field = [.. value];
        }
    }

    /// <summary>
    /// The moment, in Unix seconds, that recency and time decay are measured from; null for the
    /// dataset's latest timestamp (or the history's own latest when that is later, as for live events).
    /// </summary>
    public long? ReferenceTime { get; init; }

    /// <summary>Value equality, the field list compared element by element.</summary>
    public bool Equals(UserProfileOptions? other)
        => other is not null
            && TopFeatures == other.TopFeatures
            && HalfLifeDays == other.HalfLifeDays
            && ReferenceTime == other.ReferenceTime
            && (Fields is null || other.Fields is null ? Fields is null && other.Fields is null : Fields.SequenceEqual(other.Fields, StringComparer.Ordinal));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TopFeatures, HalfLifeDays, ReferenceTime, Fields?.Count);
}
