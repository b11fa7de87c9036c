using Affinity.Core.Data;
using Affinity.Core.Recommending;

namespace Affinity.Models.Tests.Factorization.Rating;

/// <summary>Small rating datasets and measures for the rating factor model tests.</summary>
internal static class RatingData
{
    /// <summary>
    /// u1 rates i1 = 5 and u2 rates i2 = 1, so μ = 3 and the two ratings touch disjoint parameters:
    /// one SGD epoch gives the same result in either order.
    /// </summary>
    public static Dataset TwoDisjointRatings()
    {
        var b = new DatasetBuilder("two", FeedbackKind.Explicit);
        b.Add("u1", "i1", 5);
        b.Add("u2", "i2", 1);
        return b.Build();
    }

    /// <summary>
    /// The checkerboard as ratings: two groups of users and items, 5 within a group and 1 across,
    /// with one same-group item held back per user (user u of a group skips that group's item u).
    /// A model that learns the groups predicts the held-back item high and ranks it first.
    /// (The shared implicit checkerboard holds only 1s, from which a rating model can learn nothing.)
    /// </summary>
    public static Dataset RatingCheckerboard(int groupSize = 5)
    {
        var b = new DatasetBuilder("rating-checkerboard", FeedbackKind.Explicit);
        for (var u = 0; u < 2 * groupSize; u++)
        {
            for (var i = 0; i < 2 * groupSize; i++)
            {
                var sameGroup = u / groupSize == i / groupSize;
                if (!sameGroup || i % groupSize != u % groupSize)
                {
                    b.Add($"u{u}", $"i{i}", sameGroup ? 5 : 1);
                }
            }
        }

        return b.Build();
    }

    /// <summary>A seeded random rank-2 rating matrix on 1..5 with every fourth pair missing, plus the missing pairs.</summary>
    public static (Dataset Train, Dataset Test) LowRank(int users = 40, int items = 30, int seed = 5)
    {
        var random = new Random(seed);
        var userFactors = new double[users, 2];
        var itemFactors = new double[items, 2];
        for (var f = 0; f < 2; f++)
        {
            for (var u = 0; u < users; u++)
            {
                userFactors[u, f] = (random.NextDouble() * 2) - 1;
            }

            for (var i = 0; i < items; i++)
            {
                itemFactors[i, f] = (random.NextDouble() * 2) - 1;
            }
        }

        var train = new DatasetBuilder("low-rank", FeedbackKind.Explicit);
        var held = new List<(int U, int I, float R)>();
        for (var u = 0; u < users; u++)
        {
            for (var i = 0; i < items; i++)
            {
                var value = (float)Math.Clamp(3 + (1.5 * ((userFactors[u, 0] * itemFactors[i, 0]) + (userFactors[u, 1] * itemFactors[i, 1]))) + (0.3 * userFactors[u, 0]), 1, 5);
                if ((u + (3 * i)) % 4 == 0)
                {
                    held.Add((u, i, value));
                }
                else
                {
                    train.Add($"u{u}", $"i{i}", value);
                }
            }
        }

        var trainSet = train.Build();
        var users2 = new int[held.Count];
        var items2 = new int[held.Count];
        var values = new float[held.Count];
        for (var n = 0; n < held.Count; n++)
        {
            users2[n] = trainSet.Users.IndexOf($"u{held[n].U}");
            items2[n] = trainSet.Items.IndexOf($"i{held[n].I}");
            values[n] = held[n].R;
        }

        return (trainSet, new Dataset("low-rank-test", FeedbackKind.Explicit, trainSet.Users, trainSet.Items, users2, items2, values));
    }

    /// <summary>The root mean squared error of the model's predictions over a dataset's ratings.</summary>
    public static double Rmse(IRatingPredictor model, Dataset data)
    {
        var squared = 0.0;
        for (var n = 0; n < data.Count; n++)
        {
            var error = model.Predict(data.UserIndexes[n], data.ItemIndexes[n]) - data.Values[n];
            squared += error * error;
        }

        return Math.Sqrt(squared / data.Count);
    }

    /// <summary>The RMSE of always predicting the training mean, the level every model must beat.</summary>
    public static double MeanRmse(Dataset train, Dataset test)
    {
        var mean = 0.0;
        foreach (var v in train.Values)
        {
            mean += v;
        }

        mean /= train.Count;
        var squared = 0.0;
        foreach (var v in test.Values)
        {
            squared += (v - mean) * (v - mean);
        }

        return Math.Sqrt(squared / test.Count);
    }

    /// <summary>A user's training history as (items, values).</summary>
    public static (int[] Items, float[] Values) History(Dataset train, int user)
        => (train.ByUser.RowColumns(user).ToArray(), train.ByUser.RowValues(user).ToArray());

    /// <summary>Pearson correlation of two score vectors.</summary>
    public static double Correlation(float[] a, float[] b)
    {
        var meanA = a.Average();
        var meanB = b.Average();
        double ab = 0, aa = 0, bb = 0;
        for (var k = 0; k < a.Length; k++)
        {
            ab += (a[k] - meanA) * (b[k] - meanB);
            aa += (a[k] - meanA) * (a[k] - meanA);
            bb += (b[k] - meanB) * (b[k] - meanB);
        }

        return ab / Math.Sqrt(aa * bb);
    }
}
