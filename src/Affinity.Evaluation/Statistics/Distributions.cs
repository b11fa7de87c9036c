namespace Affinity.Evaluation.Statistics;

/// <summary>The CDFs and two-sided p-values of the standard normal and Student's t distributions.</summary>
public static class Distributions
{
    /// <summary>Φ(z) = P(Z ≤ z) for a standard normal Z, as ½ erfc(-z / √2).</summary>
    public static double NormalCdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));

    /// <summary>P(|Z| ≥ |z|) = erfc(|z| / √2), computed directly so that small p-values keep their precision.</summary>
    public static double NormalTwoSidedP(double z) => SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));

    /// <summary>
    /// P(|T| ≥ |t|) for Student's t with <paramref name="degreesOfFreedom"/> ν:
    /// I_{ν / (ν + t²)}(ν / 2, ½), the regularized incomplete beta function.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">ν is not positive.</exception>
    public static double StudentTTwoSidedP(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(degreesOfFreedom) || degreesOfFreedom <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Degrees of freedom must be positive.");
        }

        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        if (double.IsInfinity(t))
        {
            return 0;
        }

        // x = ν / (ν + t²) and 1 - x = t² / (ν + t²), each computed without subtracting from 1.
        var t2 = t * t;
        var denominator = degreesOfFreedom + t2;
        return SpecialFunctions.RegularizedIncompleteBeta(degreesOfFreedom / 2, 0.5, degreesOfFreedom / denominator, t2 / denominator);
    }

    /// <summary>P(T ≤ t) for Student's t with ν degrees of freedom.</summary>
    /// <exception cref="ArgumentOutOfRangeException">ν is not positive.</exception>
    public static double StudentTCdf(double t, double degreesOfFreedom)
    {
        var tail = 0.5 * StudentTTwoSidedP(t, degreesOfFreedom);
        return t >= 0 ? 1 - tail : tail;
    }
}
