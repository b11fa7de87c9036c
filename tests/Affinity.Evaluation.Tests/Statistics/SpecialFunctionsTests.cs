using Affinity.Evaluation.Statistics;

namespace Affinity.Evaluation.Tests.Statistics;

// Reference values from mpmath at 30 digits (loggamma, betainc(regularized=True), gammainc, erfc).
public sealed class SpecialFunctionsTests
{
    [Theory]
    [InlineData(0.5, 0.572364942924700087)]
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, 0.0)]
    [InlineData(10.0, 12.8018274800814696)]
    [InlineData(0.001, 6.90717888538385368)]
    [InlineData(100.5, 361.435540467777622)]
    [InlineData(500000.0, 6061176.04645917557)]
    public void Log_gamma_matches_reference_values(double x, double expected)
        => Assert.Equal(expected, SpecialFunctions.LogGamma(x), Math.Max(1e-13, Math.Abs(expected) * 1e-14));

    [Fact]
    public void Incomplete_beta_matches_reference_values_and_limits()
    {
        // I_0.3(2, 3) = 6 ∫_0^0.3 t (1 - t)^2 dt = 6 (0.045 - 0.018 + 0.002025) = 0.3483.
        Assert.Equal(0.3483, SpecialFunctions.RegularizedIncompleteBeta(2, 3, 0.3), 1e-14);
        Assert.Equal(0.999997429410300771, SpecialFunctions.RegularizedIncompleteBeta(0.5, 5, 0.9), 1e-14);
        Assert.Equal(0.0, SpecialFunctions.RegularizedIncompleteBeta(2, 3, 0));
        Assert.Equal(1.0, SpecialFunctions.RegularizedIncompleteBeta(2, 3, 1));

        // Symmetry I_x(a, b) = 1 - I_{1-x}(b, a).
        Assert.Equal(1 - SpecialFunctions.RegularizedIncompleteBeta(3, 2, 0.7), SpecialFunctions.RegularizedIncompleteBeta(2, 3, 0.3), 1e-14);
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.RegularizedIncompleteBeta(0, 1, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.RegularizedIncompleteBeta(1, 1, 1.5));
    }

    [Fact]
    public void Incomplete_gamma_matches_reference_values()
    {
        // P(3, 2) = 1 - e^-2 (1 + 2 + 2) = 1 - 5 e^-2.
        Assert.Equal(1 - (5 * Math.Exp(-2)), SpecialFunctions.RegularizedGammaP(3, 2), 1e-14);
        Assert.Equal(5 * Math.Exp(-2), SpecialFunctions.RegularizedGammaQ(3, 2), 1e-14);
        Assert.Equal(0.00467773498104726584, SpecialFunctions.RegularizedGammaQ(0.5, 4), 1e-16);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 0.157299207050285131)]
    [InlineData(-0.5, 1.52049987781304654)]
    [InlineData(5.0, 1.53745979442803485e-12)]
    public void Erfc_matches_reference_values(double x, double expected)
        => Assert.Equal(expected, SpecialFunctions.Erfc(x), Math.Abs(expected) * 1e-13);

    [Theory]
    [InlineData(2.228, 10.0, 0.0500117718171113825)]
    [InlineData(2.2281388519649385, 10.0, 0.0500000000018086731)]
    [InlineData(1.96, 1e6, 0.0499960675852697865)]
    [InlineData(12.706, 1.0, 0.0500008023581331860)]
    [InlineData(1.0, 1.0, 0.5)]
    [InlineData(3.0, 30.0, 0.00538996406565194661)]
    [InlineData(2.0, 1000.0, 0.0457703464932516400)]
    [InlineData(-3.0, 30.0, 0.00538996406565194661)]
    [InlineData(0.0, 5.0, 1.0)]
    public void Student_t_two_sided_p_matches_tables(double t, double df, double expected)
        => Assert.Equal(expected, Distributions.StudentTTwoSidedP(t, df), expected * 1e-10);

    [Fact]
    public void Student_t_cdf_and_normal_cdf_are_consistent()
    {
        // The t table's 0.975 quantile for 10 df; the normal's two-sided 5% point.
        Assert.Equal(0.975, Distributions.StudentTCdf(2.2281388519649385, 10), 1e-10);
        Assert.Equal(0.025, Distributions.StudentTCdf(-2.2281388519649385, 10), 1e-10);
        Assert.Equal(0.0499957902964408683, Distributions.NormalTwoSidedP(1.96), 1e-15);
        Assert.Equal(1 - (0.0499957902964408683 / 2), Distributions.NormalCdf(1.96), 1e-15);
        Assert.Equal(0.0, Distributions.StudentTTwoSidedP(double.PositiveInfinity, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distributions.StudentTTwoSidedP(1, 0));
    }
}
