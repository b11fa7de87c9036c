using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Core.Demo;

/// <summary>
/// A small synthetic ratings dataset that the project makes itself, so that a fresh machine with
/// no downloaded data can still run end to end. Users and items get hidden tastes over a few
/// genres; a user rates an item higher the better the tastes match, plus user and item biases and
/// noise, so collaborative models have real structure to find. Deterministic for a seed.
/// </summary>
public static class DemoDataset
{
    private static readonly string[] Genres = ["Action", "Comedy", "Drama", "Sci-Fi", "Romance", "Documentary"];
    private static readonly string[] Adjectives = ["Silent", "Crimson", "Last", "Hidden", "Golden", "Broken", "Distant", "Electric", "Quiet", "Wild"];
    private static readonly string[] Nouns = ["Harbor", "Frontier", "Garden", "Signal", "Empire", "River", "Orbit", "Letter", "Station", "Summer"];

    /// <summary>Generates the dataset.</summary>
    /// <param name="users">Number of users.</param>
    /// <param name="items">Number of items.</param>
    /// <param name="ratingsPerUser">Mean ratings per user (each user gets between half and twice this).</param>
    /// <param name="seed">The random seed.</param>
    public static Dataset Generate(int users = 600, int items = 400, int ratingsPerUser = 40, int seed = 7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(ratingsPerUser, 1);
        var random = new Random(seed);
        var builder = new DatasetBuilder("demo", FeedbackKind.Explicit);
        var itemTaste = new double[items][];
        var itemBias = new double[items];
        var popularity = new double[items];
        for (var i = 0; i < items; i++)
        {
            var id = (i + 1).ToString(CultureInfo.InvariantCulture);
            itemTaste[i] = Taste(random);
            itemBias[i] = Gaussian(random) * 0.4;
            popularity[i] = Math.Exp(Gaussian(random));
            builder.AddItem(id);
            var title = $"{Adjectives[random.Next(Adjectives.Length)]} {Nouns[random.Next(Nouns.Length)]} ({1970 + random.Next(50)})";
            builder.ItemAttributes.SetText(id, "title", title);
            foreach (var g in TopGenres(itemTaste[i]))
            {
                builder.ItemAttributes.AddTag(id, "genres", Genres[g]);
            }
        }

        var cumulative = new double[items];
        var total = 0.0;
        for (var i = 0; i < items; i++)
        {
            total += popularity[i];
            cumulative[i] = total;
        }

        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        for (var u = 0; u < users; u++)
        {
            var userId = (u + 1).ToString(CultureInfo.InvariantCulture);
            var taste = Taste(random);
            var bias = Gaussian(random) * 0.3;
            var count = Math.Min(items, (ratingsPerUser / 2) + random.Next((ratingsPerUser * 3 / 2) + 1));
            var chosen = new HashSet<int>();
            while (chosen.Count < count)
            {
                chosen.Add(PickByPopularity(random, cumulative, total));
            }

            var time = start + random.Next(86_400 * 30);
            foreach (var i in chosen.Order())
            {
                var match = 0.0;
                for (var g = 0; g < Genres.Length; g++)
                {
                    match += taste[g] * itemTaste[i][g];
                }

                var raw = 3.5 + bias + itemBias[i] + (2.5 * match) + (Gaussian(random) * 0.6);
                var rating = (float)Math.Clamp(Math.Round(raw), 1, 5);
                time += 60 + random.Next(86_400);
                builder.Add(userId, (i + 1).ToString(CultureInfo.InvariantCulture), rating, time);
            }
        }

        return builder.Build();
    }

    private static double[] Taste(Random random)
    {
        var taste = new double[Genres.Length];
        var norm = 0.0;
        for (var g = 0; g < taste.Length; g++)
        {
            taste[g] = Gaussian(random);
            norm += taste[g] * taste[g];
        }

        norm = Math.Sqrt(norm);
        for (var g = 0; g < taste.Length; g++)
        {
            taste[g] /= norm;
        }

        return taste;
    }

    private static IEnumerable<int> TopGenres(double[] taste)
        => Enumerable.Range(0, taste.Length).OrderByDescending(g => taste[g]).Take(2);

    private static int PickByPopularity(Random random, double[] cumulative, double total)
    {
        var x = random.NextDouble() * total;
        var index = Array.BinarySearch(cumulative, x);
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    private static double Gaussian(Random random)
    {
        // Box-Muller: two uniforms give one standard normal draw.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
