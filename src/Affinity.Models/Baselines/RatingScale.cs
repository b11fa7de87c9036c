using Affinity.Core.Data;
using Affinity.Core.Persistence;

namespace Affinity.Models.Baselines;

/// <summary>
/// The mean and the range of the training values. Rating predictors clip to the range, as Surprise
/// clips to the rating scale, except that the range here is the one seen in training.
/// </summary>
internal readonly record struct RatingScale(double Mean, float Min, float Max)
{
    /// <summary>Measures the values of a training set.</summary>
    /// <exception cref="ArgumentException">The training set is empty, so it has no mean.</exception>
    public static RatingScale Of(Dataset train, string model)
    {
        var values = train.Values;
        if (values.IsEmpty)
        {
            throw new ArgumentException($"The model '{model}' needs at least one interaction to learn a mean.", nameof(train));
        }

        var sum = 0.0;
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        foreach (var v in values)
        {
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return new RatingScale(sum / values.Length, min, max);
    }

    /// <summary>A prediction clipped to <c>Min..Max</c>.</summary>
    public float Clip(double prediction) => (float)Math.Clamp(prediction, Min, Max);

    /// <summary>Writes the scale as the section "scale" (mean, min, max).</summary>
    public void Save(ModelWriter writer) => writer.Write("scale", [Mean, Min, Max]);

    /// <summary>Reads the section written by <see cref="Save"/>.</summary>
    public static RatingScale Load(ModelReader reader)
    {
        var values = reader.ReadDoubles("scale");
        return values.Length == 3 && values[1] <= values[2]
            ? new RatingScale(values[0], (float)values[1], (float)values[2])
            : throw reader.Invalid("scale", "expected mean, min and max with min <= max.");
    }
}
