namespace Affinity.Core.Loading;

/// <summary>
/// The declared scale of explicit ratings: values from <see cref="Min"/> to <see cref="Max"/>,
/// on a grid of <see cref="Step"/> when the step is positive (1 to 5 stars in whole stars for
/// MovieLens 100K and 1M, 0.5 to 5 in half stars for MovieLens latest). Loaders reject a rating off
/// the scale instead of clipping it. Immutable.
/// </summary>
public sealed record RatingScale
{
    /// <summary>Declares a scale.</summary>
    /// <param name="min">The lowest rating.</param>
    /// <param name="max">The highest rating, at least <paramref name="min"/>.</param>
    /// <param name="step">The grid spacing from <paramref name="min"/>; 0 allows any value in between.</param>
    /// <exception cref="ArgumentException">A bound is not finite, the bounds are reversed, or the step is negative or does not divide the range.</exception>
    public RatingScale(float min, float max, float step = 0f)
    {
        if (!float.IsFinite(min) || !float.IsFinite(max) || !float.IsFinite(step))
        {
            throw new ArgumentException("The scale bounds and step must be finite numbers.", nameof(min));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (step > 0f && !IsWhole((max - min) / step))
        {
            throw new ArgumentException($"The step {step} does not divide the range {min}..{max}.", nameof(step));
        }

        Min = min;
        Max = max;
        Step = step;
    }

    /// <summary>Whole stars from 1 to 5 (MovieLens 100K and 1M).</summary>
    public static RatingScale WholeStars { get; } = new(1f, 5f, 1f);

    /// <summary>Half stars from 0.5 to 5 (MovieLens latest, since 2003).</summary>
    public static RatingScale HalfStars { get; } = new(0.5f, 5f, 0.5f);

    /// <summary>The lowest rating.</summary>
    public float Min { get; }

    /// <summary>The highest rating.</summary>
    public float Max { get; }

    /// <summary>The grid spacing; 0 when any value between the bounds is allowed.</summary>
    public float Step { get; }

    /// <summary>Whether a value lies on the scale.</summary>
    public bool Contains(float value)
        => value >= Min && value <= Max && (Step == 0f || IsWhole((value - Min) / Step));

    /// <inheritdoc />
    public override string ToString()
        => Step > 0f
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Min}..{Max} in steps of {Step}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Min}..{Max}");

    // Tolerance well above float rounding of a few grid steps, well below half a step.
    private static bool IsWhole(float x) => MathF.Abs(x - MathF.Round(x)) < 1e-3f;
}
