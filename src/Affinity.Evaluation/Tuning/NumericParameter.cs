using System.Globalization;
using System.Text.Json.Nodes;

namespace Affinity.Evaluation.Tuning;

/// <summary>
/// A numeric option searched over <c>[Min, Max]</c>, uniformly or log-uniformly, as whole numbers
/// (<c>int:16..256</c>) or reals (<c>float:0.001..0.3:log</c>). Immutable.
/// </summary>
/// <remarks>
/// Searches work on an internal coordinate <c>z</c> in <c>[<see cref="Low"/>, <see cref="High"/>]</c>:
/// the value itself, or its natural logarithm for a log scale. A whole-number range is widened by
/// half a step on each side before the logarithm and the value is rounded back (Optuna's treatment of
/// integer distributions), so a uniform <c>z</c> gives every whole number of a linear range the same
/// chance, and every whole number <c>k</c> of a log range the log-uniform mass of
/// <c>[k − 0.5, k + 0.5]</c>.
/// </remarks>
public sealed class NumericParameter : SearchParameter
{
    /// <summary>Creates the parameter.</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="min">The smallest value, finite.</param>
    /// <param name="max">The largest value, finite and above <paramref name="min"/>.</param>
    /// <param name="isInteger">Whole numbers only; the bounds must then be whole.</param>
    /// <param name="isLog">Log-uniform; the bounds must then be above zero.</param>
    /// <exception cref="ArgumentException">The bounds do not fit, as described.</exception>
    public NumericParameter(string name, double min, double max, bool isInteger, bool isLog)
        : base(name)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(min < max))
        {
            throw new ArgumentException(Invariant($"The range {min}..{max} of '{name}' must be finite with the lower bound below the upper."), nameof(max));
        }

        if (isInteger && (Math.Floor(min) != min || Math.Floor(max) != max))
        {
            throw new ArgumentException(Invariant($"The int range {min}..{max} of '{name}' must have whole bounds."), nameof(min));
        }

        if (isLog && min <= 0)
        {
            throw new ArgumentException(Invariant($"The log range {min}..{max} of '{name}' must be above zero."), nameof(min));
        }

        Min = min;
        Max = max;
        IsInteger = isInteger;
        IsLog = isLog;
        var half = isInteger ? 0.5 : 0;
        Low = Scale(min - half);
        High = Scale(max + half);
    }

    /// <summary>The smallest value.</summary>
    public double Min { get; }

    /// <summary>The largest value.</summary>
    public double Max { get; }

    /// <summary>Whether the values are whole numbers.</summary>
    public bool IsInteger { get; }

    /// <summary>Whether the search is uniform in the logarithm of the value.</summary>
    public bool IsLog { get; }

    /// <summary>The lower end of the internal coordinate.</summary>
    public double Low { get; }

    /// <summary>The upper end of the internal coordinate.</summary>
    public double High { get; }

    /// <inheritdoc />
    public override string Spec => Invariant($"{(IsInteger ? "int" : "float")}:{Min:R}..{Max:R}{(IsLog ? ":log" : "")}");

    /// <summary>The internal coordinate of a value: the value, or its logarithm on a log scale.</summary>
    public double ToInternal(double value) => Scale(value);

    /// <summary>The value at an internal coordinate, rounded for whole numbers and kept within [Min, Max].</summary>
    public double FromInternal(double z)
    {
        var value = IsLog ? Math.Exp(z) : z;
        if (IsInteger)
        {
            value = Math.Round(value, MidpointRounding.ToEven);
        }

        return Math.Clamp(value, Min, Max);
    }

    /// <inheritdoc />
    public override string Format(double coordinate)
        => IsInteger
            ? coordinate.ToString("0", CultureInfo.InvariantCulture)
            : coordinate.ToString("G4", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    internal override JsonNode ToJson(double coordinate) => IsInteger ? JsonValue.Create((long)coordinate) : JsonValue.Create(coordinate);

    /// <inheritdoc />
    internal override SearchParameter WithName(string name) => new NumericParameter(name, Min, Max, IsInteger, IsLog);

    private double Scale(double value) => IsLog ? Math.Log(value) : value;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
