using Affinity.Core.Recommending;
using Affinity.Models.Baselines;
using Affinity.Models.Neighborhood;
using Affinity.Testing;

namespace Affinity.Models.Tests.Neighborhood;

/// <summary>
/// Rating similarities pinned by hand on <see cref="KnnTestData.ThreeItems"/>:
/// x: a=5 b=3 c=4 d=1; y: a=4 b=2 c=5; z: a=1 b=5 d=4 (x, y, z = items 0, 1, 2).
/// x and y share a, b, c; x and z share a, b, d; y and z share a, b.
/// </summary>
public sealed class RatingSimilarityTests
{
    private const int X = 0;
    private const int Y = 1;
    private const int Z = 2;

    [Fact]
    public void Cosine_is_taken_over_the_co_rated_users_only()
    {
        // x.y over a,b,c = 20 + 6 + 20 = 46; |x|^2 = 25 + 9 + 16 = 50, |y|^2 = 16 + 4 + 25 = 45: 46 / sqrt(2250)
        // x.z over a,b,d = 5 + 15 + 4 = 24; |x|^2 = 25 + 9 + 1 = 35, |z|^2 = 1 + 25 + 16 = 42: 24 / sqrt(1470)
        // y.z over a,b   = 4 + 10 = 14;     |y|^2 = 16 + 4 = 20,      |z|^2 = 1 + 25 = 26:      14 / sqrt(520)
        var s = Fit(KnnSimilarity.Cosine);

        KnnAssert.Row(s, X, (Y, 46 / Math.Sqrt(2250)), (Z, 24 / Math.Sqrt(1470)));
        KnnAssert.Row(s, Y, (X, 46 / Math.Sqrt(2250)), (Z, 14 / Math.Sqrt(520)));
        KnnAssert.Row(s, Z, (X, 24 / Math.Sqrt(1470)), (Y, 14 / Math.Sqrt(520)));
    }

    [Fact]
    public void Pearson_centres_on_the_means_over_the_co_rated_users_and_drops_negative_correlations()
    {
        // x, y over a,b,c: x = (5,3,4), mean 4 -> (1,-1,0); y = (4,2,5), mean 11/3 -> (1/3,-5/3,4/3)
        //   num = 1/3 + 5/3 + 0 = 2; |x'|^2 = 2, |y'|^2 = 42/9; 2 / sqrt(2 * 42/9) = sqrt(3/7)
        // x, z over a,b,d: x = (5,3,1) -> (2,0,-2); z = (1,5,4), mean 10/3 -> (-7/3,5/3,2/3): num = -14/3 - 4/3 = -6 < 0
        // y, z over a,b: (1,-1) and (-2,2): num = -4 < 0. Only positive similarities are kept (Surprise uses only those).
        var s = Fit(KnnSimilarity.Pearson);

        KnnAssert.Row(s, X, (Y, Math.Sqrt(3.0 / 7)));
        KnnAssert.Row(s, Y, (X, Math.Sqrt(3.0 / 7)));
        KnnAssert.Row(s, Z);
    }

    [Fact]
    public void Adjusted_cosine_centres_on_each_users_mean_over_all_their_ratings()
    {
        // User means: a (5,4,1) 10/3, b (3,2,5) 10/3, c (4,5) 9/2, d (1,4) 5/2.
        // Centred x: a 5/3, b -1/3, c -1/2, d -3/2; y: a 2/3, b -4/3, c 1/2; z: a -7/3, b 5/3, d 3/2.
        // x, y over a,b,c: dot = 10/9 + 4/9 - 1/4 = 47/36; |x|^2 = 25/9 + 1/9 + 1/4 = 113/36; |y|^2 = 4/9 + 16/9 + 1/4 = 89/36
        //   -> 47 / sqrt(113 * 89) = 47 / sqrt(10057)
        // x, z: -35/9 - 5/9 - 9/4 < 0; y, z: -14/9 - 20/9 < 0: dropped.
        var s = Fit(KnnSimilarity.AdjustedCosine);

        KnnAssert.Row(s, X, (Y, 47 / Math.Sqrt(10057)));
        KnnAssert.Row(s, Y, (X, 47 / Math.Sqrt(10057)));
        KnnAssert.Row(s, Z);
    }

    [Fact]
    public void Msd_is_one_over_the_mean_squared_difference_plus_one()
    {
        // x, y: differences 1, 1, -1 -> mean square 1 -> 1/2
        // x, z: differences 4, -2, -3 -> (16 + 4 + 9) / 3 = 29/3 -> 1 / (32/3) = 3/32
        // y, z: differences 3, -3 -> 18 / 2 = 9 -> 1/10
        var s = Fit(KnnSimilarity.Msd);

        KnnAssert.Row(s, X, (Y, 0.5), (Z, 3.0 / 32));
        KnnAssert.Row(s, Y, (X, 0.5), (Z, 0.1));
        KnnAssert.Row(s, Z, (Y, 0.1), (X, 3.0 / 32));
    }

    [Fact]
    public void Shrinkage_multiplies_by_n_over_n_plus_lambda()
    {
        // lambda = 3: x,y and x,z share 3 users (* 3/6), y,z share 2 (* 2/5).
        var s = Fit(KnnSimilarity.Cosine, shrinkage: 3);

        KnnAssert.Row(s, X, (Y, 46 / Math.Sqrt(2250) / 2), (Z, 24 / Math.Sqrt(1470) / 2));
        KnnAssert.Row(s, Y, (X, 46 / Math.Sqrt(2250) / 2), (Z, 14 / Math.Sqrt(520) * 2 / 5));
    }

    [Fact]
    public void Pairs_below_the_minimum_support_get_no_similarity()
    {
        // y and z share only a and b.
        var s = Fit(KnnSimilarity.Msd, minSupport: 3);

        KnnAssert.Row(s, Y, (X, 0.5));
        KnnAssert.Row(s, Z, (X, 3.0 / 32));
    }

    [Fact]
    public void On_residuals_the_cosine_is_taken_of_r_minus_the_baseline()
    {
        // The reference: the cosine over co-rated users of e_ui = r_ui - (mu + b_u + b_i), with the biases of
        // a BiasBaseline fitted with the same options (Surprise's pearson_baseline without shrinkage).
        var data = KnnTestData.ThreeItems();
        var baselineOptions = new BiasBaselineOptions { AlsEpochs = 1, AlsItemReg = 1, AlsUserReg = 1 };
        var baseline = new BiasBaseline(baselineOptions);
        baseline.Fit(data, FitContext.Default);
        var s = KnnAssert.ItemSimilarities(data, Options(KnnSimilarity.Cosine) with { BaselineResiduals = true, Baseline = baselineOptions });

        var byItem = data.ByItem;
        var kept = 0;
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                if (i == j)
                {
                    continue;
                }

                double dot = 0, ii = 0, jj = 0;
                var usersOfJ = byItem.RowColumns(j).ToArray();
                for (var e = 0; e < byItem.RowLength(i); e++)
                {
                    var u = byItem.RowColumns(i)[e];
                    var at = Array.IndexOf(usersOfJ, u);
                    if (at >= 0)
                    {
                        var ei = byItem.RowValues(i)[e] - (baseline.Mean + baseline.UserBiases[u] + baseline.ItemBiases[i]);
                        var ej = byItem.RowValues(j)[at] - (baseline.Mean + baseline.UserBiases[u] + baseline.ItemBiases[j]);
                        dot += ei * ej;
                        ii += ei * ei;
                        jj += ej * ej;
                    }
                }

                var expected = dot / Math.Sqrt(ii * jj);
                Assert.Equal(expected > 0 ? expected : 0, s.Similarity(i, j), 1e-6);
                kept += expected > 0 ? 1 : 0;
            }
        }

        Assert.InRange(kept, 1, 5);
    }

    [Fact]
    public void User_knn_computes_the_same_measures_over_items()
    {
        // TinyData users: u1 i1=5 i2=3 i3=4; u2 i1=4 i3=5 i4=2; u3 i2=1 i4=4 i5=5; u4 i1=3 i5=2.
        // MSD: u1,u2 over i1,i3: (1 + 1)/2 = 1 -> 1/2; u1,u3 over i2: 4 -> 1/5; u1,u4 over i1: 4 -> 1/5 (tie: smaller index first).
        var s = KnnAssert.UserSimilarities(TinyData.Ratings(), new UserKnnOptions { Mode = KnnMode.Rating, Similarity = KnnSimilarity.Msd, BaselineResiduals = false, Shrinkage = 0 });

        KnnAssert.Row(s, 0, (1, 0.5), (2, 0.2), (3, 0.2));
    }

    private static ItemKnnOptions Options(KnnSimilarity similarity, double shrinkage = 0, int minSupport = 1)
        => new() { Mode = KnnMode.Rating, Similarity = similarity, BaselineResiduals = false, Shrinkage = shrinkage, MinSupport = minSupport };

    private static Affinity.Models.Neighborhood.SimilarityMatrix Fit(KnnSimilarity similarity, double shrinkage = 0, int minSupport = 1)
        => KnnAssert.ItemSimilarities(KnnTestData.ThreeItems(), Options(similarity, shrinkage, minSupport));
}
