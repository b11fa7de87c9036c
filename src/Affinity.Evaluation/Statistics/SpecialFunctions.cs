namespace Affinity.Evaluation.Statistics;

/// <summary>
/// The special functions behind the t and normal distributions: log-gamma, the regularized incomplete
/// beta and gamma functions and erfc. Derived from their series and continued fractions as set out in
/// Numerical Recipes (Press et al., 3rd ed., §6.1–6.4), evaluated with the modified Lentz method.
/// </summary>
/// <remarks>
/// Measured against mpmath at 40 digits: ln Γ and erfc within 1e-13 relative; the incomplete beta
/// behind the t distribution within 1e-12 for ν ≤ 1e5 degrees of freedom, 4e-11 at ν = 1e6 and 3e-9
/// at ν = 1e8, where the continued fraction subtracts numbers that agree to about 1/ν (x lies within
/// t²/ν of 1). That is far finer than any p-value needs.
/// </remarks>
public static class SpecialFunctions
{
    private const double Epsilon = 1e-16;
    private const double Tiny = 1e-300;
    private const int MaxIterations = 100_000;

    // Stirling's series is accurate to double precision once x is at least this large.
    private const double StirlingFrom = 15;
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    /// <remarks>
    /// Stirling's series ln Γ(x) = (x - ½) ln x - x + ½ ln 2π + Σ_k B_2k / (2k (2k - 1) x^(2k-1)),
    /// with six Bernoulli terms, used at x ≥ 15; smaller x is shifted up with
    /// Γ(x) = Γ(x + n) / (x (x + 1) … (x + n - 1)).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">x is not positive.</exception>
    public static double LogGamma(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(x);
        if (double.IsPositiveInfinity(x))
        {
            return double.PositiveInfinity;
        }

        var product = 1.0;
        while (x < StirlingFrom)
        {
            product *= x;
            x += 1;
        }

        return ((x - 0.5) * Math.Log(x)) - x + HalfLogTwoPi + StirlingTail(x) - Math.Log(product);
    }

    /// <summary>
    /// The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), the CDF at x of a
    /// Beta(a, b) variable.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">a or b is not positive, or x is outside [0, 1].</exception>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(x, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(x, 1.0);
        return RegularizedIncompleteBeta(a, b, x, 1 - x);
    }

    /// <summary>
    /// I_x(a, b) given both x and y = 1 - x, so that a caller who knows 1 - x more precisely than the
    /// subtraction gives it (x close to 1) keeps that precision.
    /// </summary>
    internal static double RegularizedIncompleteBeta(double a, double b, double x, double y)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(b);
        if (x <= 0)
        {
            return 0;
        }

        if (y <= 0)
        {
            return 1;
        }

        // x^a y^b / B(a, b), in logs to survive large a and b. ln x for x near 1 comes from y, where the
        // precision is (a t-test with many degrees of freedom has x = 1 - 4e-6 and a = 5e5).
        var logX = x > 0.5 ? Log1P(-y) : Math.Log(x);
        var logY = y > 0.5 ? Log1P(-x) : Math.Log(y);
        var front = Math.Exp((a * logX) + (b * logY) - LogBeta(a, b));

        // The fraction converges fast below the mean of the distribution; above it, use the symmetry
        // I_x(a, b) = 1 - I_y(b, a).
        return x < (a + 1) / (a + b + 2)
            ? front * BetaFraction(a, b, x) / a
            : 1 - (front * BetaFraction(b, a, y) / b);
    }

    /// <summary>The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a).</summary>
    /// <exception cref="ArgumentOutOfRangeException">a is not positive or x is negative.</exception>
    public static double RegularizedGammaP(double a, double x)
    {
        CheckGammaArguments(a, x);
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        return x < a + 1 ? GammaSeries(a, x) : 1 - GammaFraction(a, x);
    }

    /// <summary>The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) = 1 - P(a, x).</summary>
    /// <exception cref="ArgumentOutOfRangeException">a is not positive or x is negative.</exception>
    public static double RegularizedGammaQ(double a, double x)
    {
        CheckGammaArguments(a, x);
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        return x < a + 1 ? 1 - GammaSeries(a, x) : GammaFraction(a, x);
    }

    /// <summary>The complementary error function erfc(x) = 1 - erf(x) = Q(½, x²) for x ≥ 0.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        return x >= 0 ? RegularizedGammaQ(0.5, x * x) : 2 - RegularizedGammaQ(0.5, x * x);
    }

    /// <summary>
    /// ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b). When the larger argument l is large and the smaller
    /// s is not, ln Γ(l + s) - ln Γ(l) is taken from Stirling's formula as
    /// (l - ½) ln(1 + s/l) + s ln(l + s) - s + tail(l + s) - tail(l), so two numbers near l ln l never
    /// cancel (at l = 5e5 they would cost nine digits).
    /// </summary>
    internal static double LogBeta(double a, double b)
    {
        var (large, small) = a >= b ? (a, b) : (b, a);
        if (large < StirlingFrom)
        {
            return LogGamma(a) + LogGamma(b) - LogGamma(a + b);
        }

        var sum = large + small;
        var rise = ((large - 0.5) * Log1P(small / large)) + (small * Math.Log(sum)) - small + StirlingTail(sum) - StirlingTail(large);
        return LogGamma(small) - rise;
    }

    /// <summary>ln(1 + x) accurate for small x: the rounding of 1 + x cancels in ln(u) · x / (u - 1).</summary>
    internal static double Log1P(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>
    /// Stirling's series beyond its leading terms, Σ_k B_2k / (2k (2k - 1) x^(2k-1)) for k = 1..6,
    /// accurate to double precision for x ≥ 15.
    /// </summary>
    private static double StirlingTail(double x)
    {
        var inverse = 1 / x;
        var inverseSquare = inverse * inverse;

        // B2/2 = 1/12, B4/12 = -1/360, B6/30 = 1/1260, B8/56 = -1/1680, B10/90 = 1/1188, B12/132 = -691/360360.
        return inverse * ((1.0 / 12) + (inverseSquare * ((-1.0 / 360) + (inverseSquare * ((1.0 / 1260)
            + (inverseSquare * ((-1.0 / 1680) + (inverseSquare * ((1.0 / 1188) + (inverseSquare * (-691.0 / 360360)))))))))));
    }

    /// <summary>
    /// The continued fraction for I_x(a, b) (without its front factor x^a y^b / (a B(a, b))):
    /// 1 / (1 + d1 / (1 + d2 / (1 + …))) with
    /// d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)) and
    /// d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m)).
    /// </summary>
    private static double BetaFraction(double a, double b, double x)
    {
        // Modified Lentz: f = C_n D_n products, with tiny guards against zero denominators.
        var c = 1.0;
        var d = 1 - ((a + b) * x / (a + 1));
        d = 1 / Guard(d);
        var f = d;
        for (var m = 1; m <= MaxIterations; m++)
        {
            var twoM = 2.0 * m;

            var even = m * (b - m) * x / ((a + twoM - 1) * (a + twoM));
            d = 1 / Guard(1 + (even * d));
            c = Guard(1 + (even / c));
            f *= c * d;

            var odd = -(a + m) * (a + b + m) * x / ((a + twoM) * (a + twoM + 1));
            d = 1 / Guard(1 + (odd * d));
            c = Guard(1 + (odd / c));
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                return f;
            }
        }

        throw new ArithmeticException($"The incomplete beta fraction did not converge for a = {a}, b = {b}, x = {x}.");
    }

    /// <summary>P(a, x) by its series e^{-x} x^a / Γ(a + 1) · Σ_n x^n / ((a + 1) … (a + n)), for x &lt; a + 1.</summary>
    private static double GammaSeries(double a, double x)
    {
        if (x == 0)
        {
            return 0;
        }

        var term = 1 / a;
        var sum = term;
        for (var n = 1; n <= MaxIterations; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon)
            {
                return sum * Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a));
            }
        }

        throw new ArithmeticException($"The incomplete gamma series did not converge for a = {a}, x = {x}.");
    }

    /// <summary>
    /// Q(a, x) by Legendre's continued fraction e^{-x} x^a / Γ(a) · 1 / (x + 1 - a - 1(1 - a) / (x + 3 - a - 2(2 - a) / (x + 5 - a - …))),
    /// for x ≥ a + 1.
    /// </summary>
    private static double GammaFraction(double a, double x)
    {
        if (double.IsPositiveInfinity(x))
        {
            return 0;
        }

        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var f = d;
        for (var n = 1; n <= MaxIterations; n++)
        {
            var an = -n * (n - a);
            b += 2;
            d = 1 / Guard((an * d) + b);
            c = Guard(b + (an / c));
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                return f * Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a));
            }
        }

        throw new ArithmeticException($"The incomplete gamma fraction did not converge for a = {a}, x = {x}.");
    }

    private static double Guard(double value) => Math.Abs(value) < Tiny ? Tiny : value;

    private static void CheckGammaArguments(double a, double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        if (x < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "The incomplete gamma function needs x ≥ 0.");
        }
    }
}
