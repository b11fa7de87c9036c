using Affinity.Core.Data;

namespace Affinity.Core.Loading;

/// <summary>The raw text of one row's mapped fields; an empty span is a missing field.</summary>
internal ref struct RawRow
{
    public ReadOnlySpan<char> User;
    public ReadOnlySpan<char> Item;
    public ReadOnlySpan<char> Value;
    public ReadOnlySpan<char> Timestamp;
    public ReadOnlySpan<char> EventType;
}

/// <summary>
/// Turns raw rows into interactions under a <see cref="ColumnMapping"/>: applies the missing-value
/// policy, parses and checks every field, and adds the interaction to a <see cref="DatasetBuilder"/>.
/// Shared by the delimited and the JSON lines loaders so both treat bad data the same way.
/// </summary>
internal sealed class MappedRows
{
    private readonly ColumnMapping _mapping;
    private readonly DatasetBuilder _builder;
    private readonly IdPool _pool = new();
    private readonly string _source;
    private readonly string _userField;
    private readonly string _itemField;
    private readonly string _valueField;
    private readonly string _timestampField;
    private readonly string _eventTypeField;

    // fieldNames: how errors name each mapped role's field, in the order of ColumnMapping.Roles().
    public MappedRows(ColumnMapping mapping, string datasetName, string source, IReadOnlyList<string> fieldNames)
    {
        _mapping = mapping;
        _builder = new DatasetBuilder(datasetName, mapping.FeedbackKind);
        _source = source;
        var k = 0;
        _userField = fieldNames[k++];
        _itemField = fieldNames[k++];
        _valueField = mapping.Value is null ? "value" : fieldNames[k++];
        _timestampField = mapping.Timestamp is null ? "timestamp" : fieldNames[k++];
        _eventTypeField = mapping.EventType is null ? "event type" : fieldNames[k];
    }

    /// <summary>Adds the row, or leaves it out under <see cref="MissingValuePolicy.SkipRow"/>.</summary>
    /// <returns>Whether the row was added.</returns>
    public bool Add(scoped in RawRow row, long line)
    {
        var skip = _mapping.MissingValue == MissingValuePolicy.SkipRow;
        if (IsMissing(row.User, true, _userField, "user id", skip, line)
            || IsMissing(row.Item, true, _itemField, "item id", skip, line)
            || IsMissing(row.Timestamp, _mapping.Timestamp is not null, _timestampField, "timestamp", skip, line)
            || IsMissing(row.EventType, _mapping.EventType is not null, _eventTypeField, "event type", skip, line))
        {
            return false;
        }

        var value = 1f;
        if (_mapping.Value is not null)
        {
            if (!row.Value.IsEmpty)
            {
                value = FieldParser.Rating(row.Value, _mapping.Scale, _source, line, _valueField);
            }
            else if (_mapping.MissingValue == MissingValuePolicy.UseDefault)
            {
                value = _mapping.DefaultValue;
            }
            else if (skip)
            {
                return false;
            }
            else
            {
                throw new DataFormatException(_source, line, _valueField, "the value is missing");
            }
        }

        long? timestamp = _mapping.Timestamp is null ? null : TimestampParser.Parse(row.Timestamp, _mapping.TimestampFormat, _source, line, _timestampField);
        var eventType = _mapping.EventType is null ? null : _pool.Get(row.EventType);
        _builder.Add(_pool.Get(row.User), _pool.Get(row.Item), value, timestamp, eventType);
        return true;
    }

    public Dataset Build() => _builder.Build();

    private bool IsMissing(ReadOnlySpan<char> text, bool mapped, string field, string what, bool skip, long line)
    {
        if (!mapped || !text.IsEmpty)
        {
            return false;
        }

        return skip ? true : throw new DataFormatException(_source, line, field, $"the {what} is missing");
    }
}
