using Affinity.Core.Data;

namespace Affinity.Core.Loading;

/// <summary>
/// How <see cref="DelimitedFileLoader"/> and <see cref="JsonLinesLoader"/> read interactions from
/// a file of the user's own: which column (by name or 0-based position) holds the user, the item,
/// and optionally the value, the timestamp and the event type, and how to treat what is missing.
/// Validated when constructed; immutable.
/// </summary>
/// <example>
/// <code>
/// // A CSV with the header "customer,product,qty,time" and ISO 8601 times:
/// var mapping = new ColumnMapping("customer", "product", value: "qty", timestamp: "time",
///     timestampFormat: TimestampFormat.Iso8601);
/// // A headerless tab-separated file "user item rating":
/// var tsv = new ColumnMapping(0, 1, value: 2, hasHeader: false, delimiter: "\t", feedbackKind: FeedbackKind.Explicit);
/// </code>
/// </example>
public sealed record ColumnMapping
{
    /// <summary>Declares a mapping; every argument is checked here.</summary>
    /// <param name="user">The user id column.</param>
    /// <param name="item">The item id column.</param>
    /// <param name="value">The value column (a rating, a count, a weight); null means every interaction is worth 1.</param>
    /// <param name="timestamp">The timestamp column; null when interactions have no time.</param>
    /// <param name="eventType">The event type column ("view", "purchase"); null when there is one kind of event.</param>
    /// <param name="hasHeader">Whether a delimited file starts with a header row (needed to map columns by name). JSON lines ignore it.</param>
    /// <param name="delimiter">The field separator of a delimited file: ',', '\t', ';', '|' or a string such as "::".</param>
    /// <param name="timestampFormat">How the timestamp column is written.</param>
    /// <param name="feedbackKind">What the values mean.</param>
    /// <param name="missingValue">What to do when a mapped field is empty, null or absent.</param>
    /// <param name="defaultValue">The value given to a missing value under <see cref="MissingValuePolicy.UseDefault"/>.</param>
    /// <param name="scale">The declared rating scale; a value off it is an error. Null means any finite value.</param>
    /// <param name="quoting">Whether a delimited file uses RFC 4180 quoting (a field in double quotes may hold the delimiter).</param>
    /// <exception cref="ArgumentException">Two roles share a column, a column is named without a header, the delimiter is unusable, an enum value is undefined, or the default value is not finite or off the scale.</exception>
    public ColumnMapping(
        ColumnRef user,
        ColumnRef item,
        ColumnRef? value = null,
        ColumnRef? timestamp = null,
        ColumnRef? eventType = null,
        bool hasHeader = true,
        string delimiter = ",",
        TimestampFormat timestampFormat = TimestampFormat.UnixSeconds,
        FeedbackKind feedbackKind = FeedbackKind.Implicit,
        MissingValuePolicy missingValue = MissingValuePolicy.Error,
        float defaultValue = 1f,
        RatingScale? scale = null,
        bool quoting = true)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrEmpty(delimiter);
        if (delimiter.AsSpan().IndexOfAny("\"\r\n") >= 0)
        {
            throw new ArgumentException("The delimiter cannot contain a double quote or a line break.", nameof(delimiter));
        }

        CheckDefined(timestampFormat, nameof(timestampFormat));
        CheckDefined(feedbackKind, nameof(feedbackKind));
        CheckDefined(missingValue, nameof(missingValue));
        if (!float.IsFinite(defaultValue))
        {
            throw new ArgumentException($"The default value {defaultValue} is not a finite number.", nameof(defaultValue));
        }

        if (missingValue == MissingValuePolicy.UseDefault && scale is not null && !scale.Contains(defaultValue))
        {
            throw new ArgumentException($"The default value {defaultValue} is off the declared scale {scale}.", nameof(defaultValue));
        }

        User = user;
        Item = item;
        Value = value;
        Timestamp = timestamp;
        EventType = eventType;
        HasHeader = hasHeader;
        Delimiter = delimiter;
        TimestampFormat = timestampFormat;
        FeedbackKind = feedbackKind;
        MissingValue = missingValue;
        DefaultValue = defaultValue;
        Scale = scale;
        Quoting = quoting;
        CheckColumns();
    }

    /// <summary>The user id column.</summary>
    public ColumnRef User { get; }

    /// <summary>The item id column.</summary>
    public ColumnRef Item { get; }

    /// <summary>The value column; null means every interaction is worth 1.</summary>
    public ColumnRef? Value { get; }

    /// <summary>The timestamp column, or null.</summary>
    public ColumnRef? Timestamp { get; }

    /// <summary>The event type column, or null.</summary>
    public ColumnRef? EventType { get; }

    /// <summary>Whether a delimited file starts with a header row.</summary>
    public bool HasHeader { get; }

    /// <summary>The field separator of a delimited file.</summary>
    public string Delimiter { get; }

    /// <summary>How the timestamp column is written.</summary>
    public TimestampFormat TimestampFormat { get; }

    /// <summary>What the values mean.</summary>
    public FeedbackKind FeedbackKind { get; }

    /// <summary>What to do when a mapped field is missing.</summary>
    public MissingValuePolicy MissingValue { get; }

    /// <summary>The value of a missing value under <see cref="MissingValuePolicy.UseDefault"/>.</summary>
    public float DefaultValue { get; }

    /// <summary>The declared rating scale, or null for any finite value.</summary>
    public RatingScale? Scale { get; }

    /// <summary>Whether a delimited file uses RFC 4180 quoting.</summary>
    public bool Quoting { get; }

    /// <summary>The mapped columns with the role each plays, user and item first.</summary>
    internal IReadOnlyList<(string Role, ColumnRef Column)> Roles()
    {
        var roles = new List<(string, ColumnRef)> { ("user", User), ("item", Item) };
        if (Value is not null)
        {
            roles.Add(("value", Value));
        }

        if (Timestamp is not null)
        {
            roles.Add(("timestamp", Timestamp));
        }

        if (EventType is not null)
        {
            roles.Add(("event type", EventType));
        }

        return roles;
    }

    private void CheckColumns()
    {
        var roles = Roles();
        for (var a = 0; a < roles.Count; a++)
        {
            var (role, column) = roles[a];
            if (column.IsNamed && !HasHeader)
            {
                throw new ArgumentException($"The {role} column is named '{column.Name}', but without a header row columns can only be given by position.", role);
            }

            for (var b = 0; b < a; b++)
            {
                if (roles[b].Column == column)
                {
                    throw new ArgumentException($"The {roles[b].Role} and the {role} both read column {column}.", role);
                }
            }
        }
    }

    private static void CheckDefined<TEnum>(TEnum value, string name)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentException($"{value} is not a {typeof(TEnum).Name}.", name);
        }
    }
}
