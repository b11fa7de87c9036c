using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Core.Cleaning;

/// <summary>Pipeline step for <see cref="ImplicitConversion.WeightEvents"/>.</summary>
public sealed record EventWeightStep : ICleaningStep
{
    /// <summary>Creates the step.</summary>
    public EventWeightStep(EventWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Weights = weights;
    }

    /// <summary>The weight of each event type.</summary>
    public EventWeights Weights { get; }

    /// <inheritdoc />
    public string Describe()
    {
        var listed = Weights.Weights
            .OrderBy(w => w.Value)
            .ThenBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key}={w.Value}"));
        var others = Weights.DefaultWeight is { } d
            ? string.Create(CultureInfo.InvariantCulture, $"others={d}")
            : "others rejected";
        return $"weight events as implicit feedback: {string.Join(", ", listed)}; {others}";
    }

    /// <inheritdoc />
    public Dataset Apply(Dataset data) => ImplicitConversion.WeightEvents(data, Weights);
}
