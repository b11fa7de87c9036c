using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Core.Demo;

/// <summary>
/// Generates seeded, long-tailed implicit feedback at any size, for speed and memory measurements
/// where the real data is too small or not on the machine. By default it has the shape of
/// MovieLens 20M's ratings of 4 stars or more (<see cref="SyntheticShape.MovieLens20M"/>).
/// </summary>
/// <remarks>
/// <para>Item popularity follows a Zipf–Mandelbrot law: the item of popularity rank r (1-based) is
/// drawn with weight (r + q)^-<see cref="PopularityExponent"/>, with q = items ×
/// <see cref="PopularityOffsetPerItem"/>. At the default shape the top 1% of items take about a
/// quarter of the draws and the top 10% about 60%, between what ML-1M (12% and 52%) and
/// ml-latest-small (17% and 59%) show for ratings of 4 or more. Ranks are shuffled over item
/// indexes, so an index says nothing about popularity.</para>
/// <para>User activity is log-normal, as in the MovieLens data (the log of a user's count of
/// ratings ≥ 4 has a standard deviation of 0.97 in ML-1M and 1.07 in ml-latest-small): a user's
/// count is proportional to exp(<see cref="ActivitySpread"/> × z) for a standard normal z,
/// rounded, at least 1 and at most half the catalogue, scaled so the counts add up to the
/// requested number of interactions exactly.</para>
/// <para>Each user draws distinct items by popularity (a repeated draw is drawn again), so the
/// result holds no repeated (user, item) pair. Every value is 1. Ids are the numbers 1..n as
/// text. The arrays go straight into the <see cref="Dataset"/> constructor: 10M interactions take
/// 120 MB and a few seconds on one core.</para>
/// </remarks>
public static class SyntheticInteractions
{
    /// <summary>The Zipf exponent s of item popularity.</summary>
    public const double PopularityExponent = 1.0;

    /// <summary>The Mandelbrot offset q as a fraction of the catalogue size (q = 50 for 20,000 items).</summary>
    public const double PopularityOffsetPerItem = 1.0 / 400;

    /// <summary>The standard deviation of the log of user activity.</summary>
    public const double ActivitySpread = 1.0;

    /// <summary>The most interactions one user can get: half the catalogue (at least 1), which keeps redrawing repeats cheap.</summary>
    public static int MaxPerUser(int items) => Math.Max(1, items / 2);

    /// <summary>Generates a dataset of the given shape.</summary>
    /// <exception cref="ArgumentOutOfRangeException">See <see cref="Generate(int, int, int, int)"/>.</exception>
    public static Dataset Generate(SyntheticShape shape, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Generate(shape.Users, shape.Items, shape.Interactions, seed);
    }

    /// <summary>Generates the dataset; the same arguments give the same dataset.</summary>
    /// <param name="users">The number of users; each gets at least one interaction.</param>
    /// <param name="items">The number of items.</param>
    /// <param name="interactions">The number of distinct (user, item) pairs: from <paramref name="users"/> to <paramref name="users"/> × <see cref="MaxPerUser"/>.</param>
    /// <param name="seed">The random seed.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1, or <paramref name="interactions"/> is outside its range.</exception>
    public static Dataset Generate(int users = 138_493, int items = 20_000, int interactions = 10_000_000, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 1);
        var cap = MaxPerUser(items);
        if (interactions < users || interactions > (long)users * cap)
        {
            throw new ArgumentOutOfRangeException(
                nameof(interactions),
                interactions,
                string.Create(CultureInfo.InvariantCulture, $"{users} users and {items} items take from {users} interactions (one each) to {(long)users * cap} (at most {cap}, half the catalogue, each)."));
        }

        var random = new Random(seed);
        var counts = UserCounts(random, users, interactions, cap);
        var sampler = new AliasTable(PopularityWeights(items));
        var itemOfRank = Permutation(random, items);
        var userIndexes = new int[interactions];
        var itemIndexes = new int[interactions];
        var takenBy = new int[items]; // user + 1 that last took the item, so no clearing between users
        var position = 0;
        for (var u = 0; u < users; u++)
        {
            var mark = u + 1;
            for (var k = 0; k < counts[u]; k++)
            {
                int item;
                do
                {
                    item = itemOfRank[sampler.Sample(random)];
                }
                while (takenBy[item] == mark);

                takenBy[item] = mark;
                userIndexes[position] = u;
                itemIndexes[position++] = item;
            }
        }

        var values = new float[interactions];
        Array.Fill(values, 1f);
        return new Dataset("synthetic", FeedbackKind.Implicit, NumericIds(users), NumericIds(items), userIndexes, itemIndexes, values);
    }

    private static double[] PopularityWeights(int items)
    {
        var offset = items * PopularityOffsetPerItem;
        var weights = new double[items];
        for (var r = 0; r < items; r++)
        {
            weights[r] = Math.Pow(r + 1 + offset, -PopularityExponent);
        }

        return weights;
    }

    /// <summary>Log-normal counts in [1, cap] that add up to <paramref name="total"/> exactly.</summary>
    private static int[] UserCounts(Random random, int users, int total, int cap)
    {
        var activity = new double[users];
        var least = double.MaxValue;
        for (var u = 0; u < users; u++)
        {
            activity[u] = Math.Exp(ActivitySpread * Gaussian(random));
            least = Math.Min(least, activity[u]);
        }

        // The rounded, clamped sum grows with the scale: bisect for the smallest scale that reaches
        // the total (at scale 0 every user has 1; at 'high' every user has the cap).
        double low = 0, high = cap / least;
        for (var step = 0; step < 100; step++)
        {
            var middle = (low + high) / 2;
            if (Sum(activity, middle, cap) < total)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        var counts = new int[users];
        long sum = 0;
        for (var u = 0; u < users; u++)
        {
            counts[u] = Count(activity[u], high, cap);
            sum += counts[u];
        }

        // Users whose rounding tipped at the same scale leave a small excess; take it back one each.
        for (var u = 0; sum > total; u = (u + 1) % users)
        {
            if (counts[u] > 1)
            {
                counts[u]--;
                sum--;
            }
        }

        return counts;
    }

    private static long Sum(double[] activity, double scale, int cap)
    {
        long sum = 0;
        foreach (var a in activity)
        {
            sum += Count(a, scale, cap);
        }

        return sum;
    }

    private static int Count(double activity, double scale, int cap)
        => (int)Math.Clamp(Math.Round(activity * scale), 1, cap);

    private static int[] Permutation(Random random, int n)
    {
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order);
        return order;
    }

    private static IdMap NumericIds(int count)
    {
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = (i + 1).ToString(CultureInfo.InvariantCulture);
        }

        return IdMap.FromIds(ids);
    }

    private static double Gaussian(Random random)
    {
        // Box-Muller: two uniforms give one standard normal draw.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
