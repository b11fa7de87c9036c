using Affinity.Core.Data;
using Affinity.Models.Factorization;

namespace Affinity.Models.Tests.Factorization;

/// <summary>Data and helpers shared by the factor model tests.</summary>
internal static class FactorTestData
{
    /// <summary>
    /// A seeded random implicit dataset: <paramref name="users"/> users, each with 3 to 12 distinct
    /// items of <paramref name="items"/>, values 1 to 20 (counts), every item registered.
    /// </summary>
    public static Dataset Random(int users, int items, int seed)
    {
        var random = new Random(seed);
        var b = new DatasetBuilder("random", FeedbackKind.Implicit);
        for (var i = 0; i < items; i++)
        {
            b.AddItem($"i{i}");
        }

        for (var u = 0; u < users; u++)
        {
            var chosen = new HashSet<int>();
            var count = random.Next(3, 13);
            while (chosen.Count < count)
            {
                chosen.Add(random.Next(items));
            }

            foreach (var i in chosen)
            {
                b.Add($"u{u}", $"i{i}", random.Next(1, 21));
            }
        }

        return b.Build();
    }

    /// <summary>Every user's scores for every item, row after row.</summary>
    public static float[] AllScores(ImplicitFactorModel model)
    {
        var scores = new float[model.UserCount * model.ItemCount];
        for (var u = 0; u < model.UserCount; u++)
        {
            model.ScoreItems(u, scores.AsSpan(u * model.ItemCount, model.ItemCount));
        }

        return scores;
    }

    /// <summary>All user factors then all item factors and biases, for exact comparisons.</summary>
    public static float[] Parameters(ImplicitFactorModel model)
    {
        var all = new List<float>();
        for (var u = 0; u < model.UserCount; u++)
        {
            all.AddRange(model.UserVector(u).ToArray());
        }

        for (var i = 0; i < model.ItemCount; i++)
        {
            all.AddRange(model.ItemVector(i).ToArray());
        }

        all.AddRange(model.ItemBiases.ToArray());
        return [.. all];
    }

    /// <summary>Pearson's correlation of two score vectors.</summary>
    public static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double meanA = 0, meanB = 0;
        for (var n = 0; n < a.Length; n++)
        {
            meanA += a[n];
            meanB += b[n];
        }

        meanA /= a.Length;
        meanB /= b.Length;
        double cov = 0, varA = 0, varB = 0;
        for (var n = 0; n < a.Length; n++)
        {
            cov += (a[n] - meanA) * (b[n] - meanB);
            varA += (a[n] - meanA) * (a[n] - meanA);
            varB += (b[n] - meanB) * (b[n] - meanB);
        }

        return cov / Math.Sqrt(varA * varB);
    }

    /// <summary>Records progress synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    public sealed class ListProgress(List<Core.Recommending.FitProgress> reports) : IProgress<Core.Recommending.FitProgress>
    {
        /// <inheritdoc />
        public void Report(Core.Recommending.FitProgress value) => reports.Add(value);
    }
}
