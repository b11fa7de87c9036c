using System.Collections.Frozen;

namespace Affinity.Core.Cleaning;

/// <summary>
/// The weight of each event type when an event log becomes implicit feedback
/// (see <see cref="ImplicitConversion.WeightEvents"/>). Names match exactly (ordinal, case-sensitive).
/// An event type missing from <see cref="Weights"/> gets <see cref="DefaultWeight"/> when one is set,
/// and is an error otherwise. Immutable; compares by content.
/// </summary>
public sealed record EventWeights
{
    private readonly FrozenDictionary<string, float> _weights;

    /// <summary>Creates the weights.</summary>
    /// <param name="weights">Event-type name to weight; every weight finite and not negative.</param>
    /// <param name="defaultWeight">The weight of event types not listed, or null to reject them.</param>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative or not finite.</exception>
    public EventWeights(IReadOnlyDictionary<string, float> weights, float? defaultWeight = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        foreach (var (name, weight) in weights)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(weights));
            CheckWeight(weight, $"The weight of event type '{name}'");
        }

        if (defaultWeight.HasValue)
        {
            CheckWeight(defaultWeight.Value, "The default weight");
        }

        _weights = weights.ToFrozenDictionary(StringComparer.Ordinal);
        DefaultWeight = defaultWeight;
    }

    /// <summary>
    /// view 1, click 2, cart 4, purchase 8, and no default: each step towards a purchase doubles
    /// the confidence, the usual starting point for e-commerce event logs.
    /// </summary>
    public static EventWeights Default { get; } = new(new Dictionary<string, float>(StringComparer.Ordinal)
    {
        ["view"] = 1f,
        ["click"] = 2f,
        ["cart"] = 4f,
        ["purchase"] = 8f,
    });

    /// <summary>The weight of every listed event type.</summary>
    public IReadOnlyDictionary<string, float> Weights => _weights;

    /// <summary>The weight of event types not listed; null means they are an error.</summary>
    public float? DefaultWeight { get; }

    /// <summary>A copy with one event type's weight set (added or replaced).</summary>
    public EventWeights With(string eventType, float weight)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        var weights = new Dictionary<string, float>(_weights, StringComparer.Ordinal) { [eventType] = weight };
        return new EventWeights(weights, DefaultWeight);
    }

    /// <summary>A copy with another default weight (null to reject unlisted event types).</summary>
    public EventWeights WithDefault(float? defaultWeight) => new(_weights, defaultWeight);

    /// <summary>Finds the weight of an event type, listed or by default.</summary>
    public bool TryGetWeight(string eventType, out float weight)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        if (_weights.TryGetValue(eventType, out weight))
        {
            return true;
        }

        weight = DefaultWeight.GetValueOrDefault();
        return DefaultWeight.HasValue;
    }

    /// <summary>The weight of an event type.</summary>
    /// <exception cref="KeyNotFoundException">The type is not listed and there is no default weight; the message names it.</exception>
    public float WeightOf(string eventType)
        => TryGetWeight(eventType, out var weight)
            ? weight
            : throw new KeyNotFoundException($"The event type '{eventType}' has no weight; list it or set a default weight.");

    /// <inheritdoc />
    public bool Equals(EventWeights? other)
    {
        if (other is null || DefaultWeight != other.DefaultWeight || _weights.Count != other._weights.Count)
        {
            return false;
        }

        foreach (var (name, weight) in _weights)
        {
            if (!other._weights.TryGetValue(name, out var w) || !w.Equals(weight))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // Order-independent, to agree with Equals.
        var hash = DefaultWeight.GetHashCode();
        foreach (var (name, weight) in _weights)
        {
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(name), weight);
        }

        return hash;
    }

    private static void CheckWeight(float weight, string what)
    {
        if (!float.IsFinite(weight) || weight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"{what} must be finite and not negative.");
        }
    }
}
