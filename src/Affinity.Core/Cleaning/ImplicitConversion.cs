using Affinity.Core.Data;

namespace Affinity.Core.Cleaning;

/// <summary>Turns ratings or event logs into implicit feedback (<see cref="FeedbackKind.Implicit"/>).</summary>
public static class ImplicitConversion
{
    /// <summary>
    /// Keeps the interactions whose value is at least <paramref name="threshold"/>, in input order,
    /// as implicit feedback with value 1, or with their value when <paramref name="keepValues"/> is true.
    /// </summary>
    /// <remarks>The comparison is <c>value &gt;= threshold</c>, as RecBole's <c>threshold</c> label setting.</remarks>
    public static Dataset Threshold(Dataset data, float threshold, bool keepValues = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (float.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a number.");
        }

        var values = data.Values;
        var kept = new List<int>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] >= threshold)
            {
                kept.Add(i);
            }
        }

        var subset = data.Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(kept));
        if (keepValues)
        {
            return subset.WithValues(subset.Values.ToArray(), FeedbackKind.Implicit);
        }

        var ones = new float[subset.Count];
        Array.Fill(ones, 1f);
        return subset.WithValues(ones, FeedbackKind.Implicit);
    }

    /// <summary>
    /// Replaces every interaction's value with the weight of its event type, as implicit feedback;
    /// interactions, order and timestamps stay. Aggregate repeated pairs afterwards with
    /// <see cref="Deduplication.Deduplicate"/> (Sum adds the confidences, Max keeps the strongest event).
    /// </summary>
    /// <exception cref="ArgumentException">The dataset has no event types, or has an event type without a weight and <paramref name="weights"/> has no default (the message names the type).</exception>
    public static Dataset WeightEvents(Dataset data, EventWeights weights)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(weights);
        if (!data.HasEventTypes)
        {
            throw new ArgumentException($"Dataset '{data.Name}' has no event types to weight.", nameof(data));
        }

        // Only types that occur must have a weight: a subset shares the full map of type names.
        var names = data.EventTypeNames;
        var byType = new float[names.Count];
        for (var t = 0; t < byType.Length; t++)
        {
            byType[t] = weights.TryGetWeight(names[t], out var w) ? w : float.NaN;
        }

        var types = data.EventTypes;
        var values = new float[types.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = byType[types[i]];
            if (float.IsNaN(values[i]))
            {
                throw new ArgumentException($"Dataset '{data.Name}' has the event type '{names[types[i]]}' (interaction {i}), which has no weight; list it or set a default weight.", nameof(weights));
            }
        }

        return data.WithValues(values, FeedbackKind.Implicit);
    }
}
