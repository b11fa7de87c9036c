using Affinity.Evaluation.Statistics;

namespace Affinity.Evaluation.Tests.Statistics;

public sealed class PairedTestTests
{
    // Differences a - b = [2, -1, 3, 0, 1].
    private static readonly double[] A = [12, 10, 15, 13, 15];
    private static readonly double[] B = [10, 11, 12, 13, 14];

    [Fact]
    public void T_test_matches_the_hand_computed_example()
    {
        // Mean d = 5 / 5 = 1; deviations 1, -2, 2, -1, 0; s² = 10 / 4 = 2.5; se = sqrt(2.5 / 5) = sqrt(0.5).
        // t = 1 / sqrt(0.5) = sqrt(2), df = 4; p = I_{4/(4+2)}(2, 1/2) = 0.2301996410804990 (mpmath).
        var result = PairedTest.TTest(A, B);
        Assert.Equal(1.0, result.MeanDifference, 1e-12);
        Assert.Equal(Math.Sqrt(2), result.T, 1e-12);
        Assert.Equal(4, result.DegreesOfFreedom);
        Assert.Equal(0.230199641080498981, result.PValue, 1e-12);

        // Swapping the systems flips the sign, not the p-value.
        var swapped = PairedTest.TTest(B, A);
        Assert.Equal(-Math.Sqrt(2), swapped.T, 1e-12);
        Assert.Equal(result.PValue, swapped.PValue, 1e-15);
    }

    [Fact]
    public void T_test_edge_cases()
    {
        // Identical systems: 0 / 0, no evidence. A constant non-zero shift: infinite t, p = 0.
        var same = PairedTest.TTest(A, A);
        Assert.True(double.IsNaN(same.T));
        Assert.True(double.IsNaN(same.PValue));
        var shifted = PairedTest.TTest([2.0, 3, 4], [1.0, 2, 3]);
        Assert.Equal(double.PositiveInfinity, shifted.T);
        Assert.Equal(0.0, shifted.PValue);
        Assert.Throws<ArgumentException>(() => PairedTest.TTest([1.0], [2.0]));
        Assert.Throws<ArgumentException>(() => PairedTest.TTest([1.0, 2], [2.0]));
        Assert.Throws<ArgumentException>(() => PairedTest.TTest([1.0, double.NaN], [2.0, 3]));
    }

    [Fact]
    public void Wilcoxon_matches_the_hand_computed_example()
    {
        // Non-zero differences [2, -1, 3, 1]; |d| = 2, 1, 3, 1 -> the two 1s share ranks 1 and 2 (1.5 each), 2 -> 3, 3 -> 4.
        // W+ = 3 (d = 2) + 4 (d = 3) + 1.5 (d = 1) = 8.5; W- = 1.5.
        // n = 4: mean 4*5/4 = 5; variance 4*5*9/24 - (2³ - 2)/48 = 7.5 - 0.125 = 7.375.
        // z = 3.5 / sqrt(7.375) = 1.2888044650576527; p = erfc(z / √2) = 0.19746607335801863 (mpmath).
        var result = PairedTest.WilcoxonSignedRank(A, B);
        Assert.Equal(8.5, result.W);
        Assert.Equal(4, result.NonZeroCount);
        Assert.Equal(3.5 / Math.Sqrt(7.375), result.Z, 1e-12);
        Assert.Equal(0.197466073358018627, result.PValue, 1e-12);

        var swapped = PairedTest.WilcoxonSignedRank(B, A);
        Assert.Equal(1.5, swapped.W);
        Assert.Equal(-result.Z, swapped.Z, 1e-12);
    }

    [Fact]
    public void Wilcoxon_edge_cases()
    {
        var same = PairedTest.WilcoxonSignedRank(A, A);
        Assert.Equal(0, same.NonZeroCount);
        Assert.True(double.IsNaN(same.PValue));

        // One pair, d = 1: W+ = 1, mean 0.5, variance 1*2*3/24 = 0.25, z = 0.5 / 0.5 = 1.
        var one = PairedTest.WilcoxonSignedRank([2.0], [1.0]);
        Assert.Equal(1.0, one.Z, 1e-12);
        Assert.Throws<ArgumentException>(() => PairedTest.WilcoxonSignedRank([1.0], [1.0, 2]));
    }
}
