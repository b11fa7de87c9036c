using System.Globalization;
using Affinity.Core.Data.Attributes;

namespace Affinity.Core.Engine;

/// <summary>
/// A condition on an item's attributes (the columns of <see cref="Data.Dataset.ItemAttributes"/>):
/// <see cref="ValueFilter"/> for categorical and tags fields ("genres=Comedy"), <see cref="RangeFilter"/>
/// for numeric ones ("year" from 1990 to 1999). Immutable. An item that lacks the field never matches.
/// </summary>
public abstract record ItemFilter
{
    private protected ItemFilter(string field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        Field = field;
    }

    /// <summary>The attribute column the filter reads.</summary>
    public string Field { get; }

    /// <summary>
    /// Reads <c>field=value</c>, <c>field=a|b</c> (any of the values) or <c>field=min..max</c> (a numeric
    /// range, inclusive; either end may be left out), the form a query string carries.
    /// </summary>
    /// <exception cref="FormatException">The text has no <c>=</c>, an empty field, no value, or a range end that is not a number.</exception>
    public static ItemFilter Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            throw new FormatException($"The filter '{text}' is not field=value, field=a|b or field=min..max.");
        }

        var field = text[..equals].Trim();
        var value = text[(equals + 1)..].Trim();
        var dots = value.IndexOf("..", StringComparison.Ordinal);
        if (dots >= 0)
        {
            return new RangeFilter(field, RangeEnd(value[..dots], double.NegativeInfinity, text), RangeEnd(value[(dots + 2)..], double.PositiveInfinity, text));
        }

        return new ValueFilter(field, value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Binds the filter to a catalogue's attribute table.</summary>
    /// <exception cref="ArgumentException">The table has no column of that name and a kind the filter can read.</exception>
    internal abstract ItemPredicate Bind(AttributeTable attributes);

    private static double RangeEnd(string text, double open, string filter)
        => text.Length == 0
            ? open
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsNaN(value)
                ? value
                : throw new FormatException($"The range end '{text}' of the filter '{filter}' is not a number.");
}

/// <summary>
/// Matches an item whose categorical value, or one of whose tags, is any of <see cref="Values"/> (ordinal
/// comparison), or, on a numeric field, whose number equals one of them ("year=1995").
/// </summary>
public sealed record ValueFilter : ItemFilter
{
    /// <summary>Creates the filter.</summary>
    /// <exception cref="ArgumentException">No values, or a blank one.</exception>
    public ValueFilter(string field, IReadOnlyList<string> values)
        : base(field)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("A value filter needs at least one value.", nameof(values));
        }

        foreach (var value in values)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(values));
        }

        Values = values;
    }

    /// <summary>The accepted values; a value no item has matches nothing.</summary>
    public IReadOnlyList<string> Values { get; }

    internal override ItemPredicate Bind(AttributeTable attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (attributes.TryGet<CategoricalColumn>(Field, out var categorical))
        {
            return new CategoricalPredicate(categorical, Flags(categorical.Levels));
        }

        if (attributes.TryGet<TagsColumn>(Field, out var tags))
        {
            return new TagsPredicate(tags, Flags(tags.Vocabulary));
        }

        if (attributes.TryGet<NumericColumn>(Field, out var numeric))
        {
            return new NumberPredicate(numeric, Numbers());
        }

        throw new ArgumentException($"The catalogue has no categorical, tags or numeric field '{Field}'.", nameof(attributes));
    }

    private double[] Numbers()
    {
        var numbers = new double[Values.Count];
        for (var k = 0; k < numbers.Length; k++)
        {
            if (!double.TryParse(Values[k], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[k]) || double.IsNaN(numbers[k]))
            {
                throw new ArgumentException($"The field '{Field}' is numeric, and '{Values[k]}' is not a number.", nameof(Values));
            }
        }

        return numbers;
    }

    private bool[] Flags(Data.IdMap levels)
    {
        var accepted = new bool[levels.Count];
        foreach (var value in Values)
        {
            var level = levels.IndexOf(value);
            if (level >= 0)
            {
                accepted[level] = true;
            }
        }

        return accepted;
    }
}

/// <summary>Matches an item whose numeric value lies in [<see cref="Min"/>, <see cref="Max"/>]; infinite ends leave a side open.</summary>
public sealed record RangeFilter : ItemFilter
{
    /// <summary>Creates the filter.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An end is NaN, or <paramref name="min"/> exceeds <paramref name="max"/>.</exception>
    public RangeFilter(string field, double min, double max)
        : base(field)
    {
        if (double.IsNaN(min) || double.IsNaN(max))
        {
            throw new ArgumentOutOfRangeException(nameof(min), "A range end may be infinite but not NaN.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(min, max);
        Min = min;
        Max = max;
    }

    /// <summary>The smallest accepted value.</summary>
    public double Min { get; }

    /// <summary>The largest accepted value.</summary>
    public double Max { get; }

    internal override ItemPredicate Bind(AttributeTable attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return attributes.TryGet<NumericColumn>(Field, out var numeric)
            ? new RangePredicate(numeric, Min, Max)
            : throw new ArgumentException($"The catalogue has no numeric field '{Field}'.", nameof(attributes));
    }
}

/// <summary>A filter bound to one attribute table: answers per item without allocating.</summary>
internal abstract class ItemPredicate
{
    public abstract bool Matches(int item);
}

internal sealed class CategoricalPredicate(CategoricalColumn column, bool[] accepted) : ItemPredicate
{
    public override bool Matches(int item)
    {
        var code = column.Codes[item];
        return code >= 0 && accepted[code];
    }
}

internal sealed class TagsPredicate(TagsColumn column, bool[] accepted) : ItemPredicate
{
    public override bool Matches(int item)
    {
        foreach (var tag in column.Matrix.RowColumns(item))
        {
            if (accepted[tag])
            {
                return true;
            }
        }

        return false;
    }
}

internal sealed class NumberPredicate(NumericColumn column, double[] accepted) : ItemPredicate
{
    public override bool Matches(int item) => Array.IndexOf(accepted, column.Values[item]) >= 0;
}

internal sealed class RangePredicate(NumericColumn column, double min, double max) : ItemPredicate
{
    public override bool Matches(int item)
    {
        var value = column.Values[item];
        return value >= min && value <= max;
    }
}
