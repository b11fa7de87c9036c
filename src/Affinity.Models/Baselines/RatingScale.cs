using Affinity.Core.Data;

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
}
