namespace Affinity.Models.Factorization.Rating;

/// <summary>
/// A small counter-seeded generator: xoshiro256** (Blackman and Vigna, 2018) whose state is filled
/// by SplitMix64 from a seed and up to three stream numbers, so every (iteration, side, row) of a
/// Gibbs sweep has its own stream and the draws do not depend on which thread runs the row.
/// Normal draws use Box–Muller; gamma draws use Marsaglia and Tsang (ACM TOMS 2000).
/// </summary>
internal struct RandomStream
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareNormal;
    private bool _hasSpare;

    /// <summary>A stream for the seed and three stream numbers.</summary>
    public RandomStream(int seed, long a, long b = 0, long c = 0)
    {
        var x = Mix(Mix(Mix((ulong)(uint)seed ^ 0x2545F4914F6CDD1D) ^ (ulong)a) ^ (ulong)b) ^ (ulong)c;
        _s0 = Next(ref x);
        _s1 = Next(ref x);
        _s2 = Next(ref x);
        _s3 = Next(ref x);
        _spareNormal = 0;
        _hasSpare = false;
    }

    /// <summary>64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform draw in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal draw.</summary>
    public double NextNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }

        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        var angle = 2.0 * Math.PI * u2;
        _spareNormal = radius * Math.Sin(angle);
        _hasSpare = true;
        return radius * Math.Cos(angle);
    }

    /// <summary>A Gamma(shape, 1) draw; shape greater than zero.</summary>
    public double NextGamma(double shape)
    {
        if (shape < 1)
        {
            // Gamma(a) = Gamma(a + 1) U^(1/a) lifts shapes below 1 into the range the method covers.
            return NextGamma(shape + 1) * Math.Pow(1.0 - NextDouble(), 1.0 / shape);
        }

        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x;
            double v;
            do
            {
                x = NextNormal();
                v = 1.0 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1.0 - NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + (d * (1.0 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    /// <summary>A chi-square draw with the given degrees of freedom.</summary>
    public double NextChiSquare(double degrees) => 2.0 * NextGamma(degrees / 2.0);

    private static ulong Next(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        return Mix(x);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
