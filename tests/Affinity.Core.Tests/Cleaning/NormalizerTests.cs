using Affinity.Core.Cleaning;
using Affinity.Core.Data;
using Affinity.Testing;

namespace Affinity.Core.Tests.Cleaning;

public sealed class NormalizerTests
{
    // TinyData.Ratings: u1 = 5 3 4, u2 = 4 5 2, u3 = 1 4 5, u4 = 3 2; all 11 ratings sum to 38.
    private const float Tolerance = 1e-5f;

    [Fact]
    public void Mean_centring_subtracts_each_users_mean()
    {
        var tiny = TinyData.Ratings();

        var (data, normalizer) = RatingNormalization.Normalize(tiny, NormalizationMethod.MeanCentering);

        // u1 mean 12/3 = 4 -> 1 -1 0; u4 mean 5/2 = 2.5 -> 0.5 -0.5.
        Assert.Equal(1f, data.Values[0], Tolerance);
        Assert.Equal(-1f, data.Values[1], Tolerance);
        Assert.Equal(0f, data.Values[2], Tolerance);
        Assert.Equal(0.5f, data.Values[9], Tolerance);
        Assert.Equal(-0.5f, data.Values[10], Tolerance);
        Assert.Equal(1f, normalizer.Scale(0));
        Assert.Equal(38f / 11, normalizer.GlobalMean, Tolerance);
        Rows.AssertSharesMaps(tiny, data);
        Assert.Equal(tiny.Timestamps.ToArray(), data.Timestamps.ToArray());
    }

    [Fact]
    public void Z_score_divides_by_the_population_std()
    {
        var tiny = TinyData.Ratings();

        var (data, normalizer) = RatingNormalization.Normalize(tiny, NormalizationMethod.ZScore);

        // u1: mean 4, std sqrt((1 + 1 + 0) / 3) = sqrt(2/3) = 0.816497 -> 5 maps to 1 / 0.816497 = 1.224745.
        Assert.Equal(MathF.Sqrt(2f / 3), normalizer.Scale(0), Tolerance);
        Assert.Equal(1.224745f, data.Values[0], Tolerance);
        // u4: mean 2.5, std 0.5 -> 3 maps to 1, 2 maps to -1.
        Assert.Equal(1f, data.Values[9], Tolerance);
        Assert.Equal(-1f, data.Values[10], Tolerance);
    }

    [Theory]
    [InlineData(NormalizationMethod.MeanCentering)]
    [InlineData(NormalizationMethod.ZScore)]
    public void Denormalize_maps_every_normalised_rating_back(NormalizationMethod method)
    {
        var tiny = TinyData.Ratings();

        var (data, normalizer) = RatingNormalization.Normalize(tiny, method);

        for (var i = 0; i < tiny.Count; i++)
        {
            Assert.Equal(tiny.Values[i], normalizer.Denormalize(tiny.UserIndexes[i], data.Values[i]), Tolerance);
        }
    }

    [Fact]
    public void A_user_without_spread_gets_std_1()
    {
        var b = new DatasetBuilder("flat", FeedbackKind.Explicit);
        b.Add("flat", "i1", 4);
        b.Add("flat", "i2", 4);
        b.Add("other", "i1", 1);
        b.Add("other", "i2", 3);

        var (data, normalizer) = RatingNormalization.Normalize(b.Build(), NormalizationMethod.ZScore);

        Assert.Equal(1f, normalizer.Scale(0));
        Assert.Equal(0f, data.Values[0]);
        Assert.Equal(4.5f, normalizer.Denormalize(0, 0.5f)); // 0.5 * 1 + 4
    }

    [Fact]
    public void Unseen_users_get_the_global_mean_and_std()
    {
        var b = new DatasetBuilder("cold", FeedbackKind.Explicit);
        b.Add("u1", "i1", 1);
        b.Add("u1", "i2", 3);
        b.Add("u2", "i1", 5);
        b.Add("u2", "i2", 3);
        b.AddUser("cold");

        var normalizer = Normalizer.Fit(b.Build(), NormalizationMethod.ZScore);

        // Global: mean 12/4 = 3, std sqrt((4 + 0 + 4 + 0) / 4) = sqrt(2).
        Assert.Equal(3f, normalizer.GlobalMean);
        Assert.Equal(MathF.Sqrt(2), normalizer.GlobalScale, Tolerance);
        Assert.Equal(3f, normalizer.Mean(2));
        Assert.Equal(MathF.Sqrt(2), normalizer.Scale(2), Tolerance);
        Assert.Equal(3f + MathF.Sqrt(2), normalizer.Denormalize(17, 1f), Tolerance); // beyond the fitted map
        Assert.Throws<ArgumentOutOfRangeException>(() => normalizer.Mean(-1));
    }

    [Fact]
    public void Transform_normalises_a_split_with_the_fitted_statistics()
    {
        var tiny = TinyData.Ratings();
        var normalizer = Normalizer.Fit(tiny.Subset([0, 1]), NormalizationMethod.MeanCentering);

        var test = normalizer.Transform(tiny.Subset([2]));

        Assert.Equal(0f, test.Values[0]); // u1 mean over the first two ratings (5 + 3) / 2 = 4, rating 4
    }

    [Fact]
    public void Transform_rejects_a_dataset_with_another_user_map()
    {
        var normalizer = Normalizer.Fit(TinyData.Ratings(), NormalizationMethod.ZScore);

        Assert.Throws<ArgumentException>(() => normalizer.Transform(TinyData.Ratings()));
    }
}
