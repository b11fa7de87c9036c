using Affinity.Models.Neighborhood;
using Affinity.Testing;

namespace Affinity.Models.Tests.Neighborhood;

/// <summary>
/// Implicit-feedback similarities pinned by hand on <see cref="TinyData.Ratings"/>, binarized. Item sets:
/// i1 {u1,u2,u4}, i2 {u1,u3}, i3 {u1,u2}, i4 {u2,u3}, i5 {u3,u4} (items 0..4); users u1, u2, u3 have
/// three items each, u4 two.
/// </summary>
public sealed class ImplicitSimilarityTests
{
    private const int I1 = 0;
    private const int I2 = 1;
    private const int I3 = 2;
    private const int I4 = 3;
    private const int I5 = 4;

    // TF-IDF and BM25 idf over 5 item rows: users with 3 items get ln 5 - ln 4, u4 gets ln 5 - ln 3.
    private static readonly double P = Math.Log(5.0 / 4);
    private static readonly double Q = Math.Log(5.0 / 3);

    [Fact]
    public void Cosine_is_the_cosine_of_whole_rows()
    {
        // i1.i3 = 2, |i1| = sqrt 3, |i3| = sqrt 2: 2 / sqrt 6; i1 with i2, i4, i5: 1 / sqrt 6 (ties by index).
        // i2 with i3, i4, i5: 1 / 2; with i1: 1 / sqrt 6.
        var s = Fit(KnnSimilarity.Cosine);

        KnnAssert.Row(s, I1, (I3, 2 / Math.Sqrt(6)), (I2, 1 / Math.Sqrt(6)), (I4, 1 / Math.Sqrt(6)), (I5, 1 / Math.Sqrt(6)));
        KnnAssert.Row(s, I2, (I3, 0.5), (I4, 0.5), (I5, 0.5), (I1, 1 / Math.Sqrt(6)));
    }

    [Fact]
    public void Alpha_makes_the_cosine_asymmetric()
    {
        // s(a -> b) = n / (|a|^alpha |b|^(1 - alpha)) for sets; alpha = 0.25:
        //   s(i1 -> i3) = 2 / (3^0.25 2^0.75) = 0.9036; s(i1 -> i2) = 1 / (3^0.25 2^0.75) = 0.4518
        //   s(i2 -> i1) = 1 / (2^0.25 3^0.75) = 0.3689, not s(i1 -> i2)
        var s = Fit(KnnSimilarity.Cosine, new ItemKnnOptions { Alpha = 0.25 });

        Assert.Equal(2 / (Math.Pow(3, 0.25) * Math.Pow(2, 0.75)), s.Similarity(I1, I3), 1e-6);
        Assert.Equal(1 / (Math.Pow(3, 0.25) * Math.Pow(2, 0.75)), s.Similarity(I1, I2), 1e-6);
        Assert.Equal(1 / (Math.Pow(2, 0.25) * Math.Pow(3, 0.75)), s.Similarity(I2, I1), 1e-6);
    }

    [Fact]
    public void Jaccard_is_the_intersection_over_the_union()
    {
        // i1, i3: 2 / (3 + 2 - 2) = 2/3; i1 with i2, i4, i5: 1 / (3 + 2 - 1) = 1/4; i2 with i3, i4, i5: 1 / 3.
        var s = Fit(KnnSimilarity.Jaccard);

        KnnAssert.Row(s, I1, (I3, 2.0 / 3), (I2, 0.25), (I4, 0.25), (I5, 0.25));
        KnnAssert.Row(s, I2, (I3, 1.0 / 3), (I4, 1.0 / 3), (I5, 1.0 / 3), (I1, 0.25));
    }

    [Fact]
    public void Tf_idf_is_the_cosine_of_idf_weighted_rows()
    {
        // Weights sqrt(1) idf(u): |i1|^2 = 2P^2 + Q^2 (u1, u2, u4), |i2|^2 = |i3|^2 = |i4|^2 = 2P^2, |i5|^2 = P^2 + Q^2.
        //   s(i1, i5) = Q^2 / sqrt((2P^2 + Q^2)(P^2 + Q^2)) = 0.7796
        //   s(i1, i3) = 2P^2 / sqrt((2P^2 + Q^2) 2P^2)      = 0.5256
        //   s(i1, i2) = s(i1, i4) = P^2 / sqrt((2P^2 + Q^2) 2P^2) = 0.2628
        var s = Fit(KnnSimilarity.TfIdf);
        var p2 = P * P;
        var q2 = Q * Q;

        KnnAssert.Row(
            s,
            I1,
            (I5, q2 / Math.Sqrt(((2 * p2) + q2) * (p2 + q2))),
            (I3, 2 * p2 / Math.Sqrt(((2 * p2) + q2) * 2 * p2)),
            (I2, p2 / Math.Sqrt(((2 * p2) + q2) * 2 * p2)),
            (I4, p2 / Math.Sqrt(((2 * p2) + q2) * 2 * p2)));
    }

    [Fact]
    public void Bm25_is_the_dot_product_of_bm25_weighted_rows()
    {
        // Row lengths: i1 3, the others 2; average 11/5. Weight of a 1 in a row of length L:
        //   tf(L) = (K1 + 1) / (K1 ((1 - B) + B L / avg) + 1) = 2.2 / (1.2 (0.25 + 0.75 L / 2.2) + 1)
        //   tf(3) = 2.2 / 2.527273 = 0.870504; tf(2) = 2.2 / 2.118182 = 1.038627
        // times idf(u). Then s(i1, i5) = tf3 tf2 Q^2 (u4) = 0.2359, s(i1, i3) = tf3 tf2 2P^2 (u1, u2) = 0.0900,
        // s(i1, i2) = s(i1, i4) = tf3 tf2 P^2 = 0.0450; s(i2, i5) = tf2^2 P^2 (u3).
        var s = Fit(KnnSimilarity.Bm25);
        var tf3 = 2.2 / ((1.2 * (0.25 + (0.75 * 3 / 2.2))) + 1);
        var tf2 = 2.2 / ((1.2 * (0.25 + (0.75 * 2 / 2.2))) + 1);

        KnnAssert.Row(s, I1, (I5, tf3 * tf2 * Q * Q), (I3, tf3 * tf2 * 2 * P * P), (I2, tf3 * tf2 * P * P), (I4, tf3 * tf2 * P * P));
        Assert.Equal(tf2 * tf2 * P * P, s.Similarity(I2, I5), 1e-6);
    }

    [Fact]
    public void Without_binarize_the_cosine_reads_the_values()
    {
        // i1 = (u1 5, u2 4, u4 3), i3 = (u1 4, u2 5): (20 + 20) / sqrt(50 * 41) = 40 / sqrt(2050).
        var s = Fit(KnnSimilarity.Cosine, new ItemKnnOptions { Binarize = false });

        Assert.Equal(40 / Math.Sqrt(2050), s.Similarity(I1, I3), 1e-6);
    }

    [Fact]
    public void User_knn_measures_users_over_their_items()
    {
        // u1 {i1,i2,i3}: u2 {i1,i3,i4} 2 / (3 + 3 - 2) = 1/2; u4 {i1,i5} 1/4; u3 {i2,i4,i5} 1/5.
        var s = KnnAssert.UserSimilarities(TinyData.Ratings(), new UserKnnOptions { Mode = KnnMode.Ranking, Similarity = KnnSimilarity.Jaccard, Shrinkage = 0, Neighbors = 10 });

        KnnAssert.Row(s, 0, (1, 0.5), (3, 0.25), (2, 0.2));
    }

    private static Affinity.Models.Neighborhood.SimilarityMatrix Fit(KnnSimilarity similarity, ItemKnnOptions? options = null)
        => KnnAssert.ItemSimilarities(
            TinyData.Ratings(),
            (options ?? new ItemKnnOptions()) with { Mode = KnnMode.Ranking, Similarity = similarity, Shrinkage = 0, Neighbors = 10, Normalization = KnnNormalization.None });
}
