using Affinity.Core.Recommending;
using Affinity.Models.Factorization;
using Affinity.Models.Factorization.Rating;
using Affinity.Models.Tests.Support;
using Affinity.Testing;

namespace Affinity.Models.Tests.Factorization.Rating;

public sealed class BiasedMfTests : SgdRatingModelTests
{
    protected override IRecommender CreateModel() => new BiasedMf(new BiasedMfOptions { Factors = 4, Epochs = 30, LearningRate = 0.02 });

    protected override RatingFactorModel CreateLearner(int passes) => new BiasedMf(new BiasedMfOptions { Factors = 4, Epochs = passes, LearningRate = 0.02 });

    [Fact]
    public void One_epoch_applies_surprises_update_to_each_rating()
    {
        // μ = (5 + 1) / 2 = 3; γ = 0.1, λ_b = 0.5, λ_f = 0.2. The initial factors are FactorMatrix.Normal
        // from new Random(seed): users first, then items. For (u1, i1, 5), e = 5 − 3 − p·q = 2 − p·q;
        // b_u = b_i = γ e (the biases start at 0, so their decay adds nothing);
        // p' = p + γ (e q − λ_f p) and q' = q + γ (e p − λ_f q), both from the old values.
        // (u2, i2, 1) is the same with e = −2 − p·q. The two touch disjoint parameters, so order is moot.
        var options = new BiasedMfOptions { Factors = 2, Epochs = 1, LearningRate = 0.1, BiasRegularization = 0.5, FactorRegularization = 0.2, InitStdDev = 0.1 };
        var model = new BiasedMf(options);
        model.Fit(RatingData.TwoDisjointRatings(), FitContext.Default with { Seed = 11 });

        var random = new Random(11);
        var p0 = FactorMatrix.Normal(2, 2, 0.1, random);
        var q0 = FactorMatrix.Normal(2, 2, 0.1, random);
        float[] targets = [2, -2];
        for (var n = 0; n < 2; n++)
        {
            var p = p0.Row(n).ToArray();
            var q = q0.Row(n).ToArray();
            var e = targets[n] - ((p[0] * q[0]) + (p[1] * q[1]));
            Assert.Equal(0.1 * e, model.UserBiases[n], 6);
            Assert.Equal(0.1 * e, model.ItemBiases[n], 6);
            Assert.Equal([p[0] + (0.1 * ((e * q[0]) - (0.2 * p[0]))), p[1] + (0.1 * ((e * q[1]) - (0.2 * p[1])))], model.UserVector(n).ToArray().Select(v => (double)v), new ToleranceComparer(1e-6));
            Assert.Equal([q[0] + (0.1 * ((e * p[0]) - (0.2 * q[0]))), q[1] + (0.1 * ((e * p[1]) - (0.2 * q[1])))], model.ItemVector(n).ToArray().Select(v => (double)v), new ToleranceComparer(1e-6));
        }

        // With ~N(0, 0.01) factors the dot is tiny, so b_u1 is close to γ × 2 = 0.2.
        Assert.InRange(model.UserBiases[0], 0.19, 0.21);
    }

    [Fact]
    public void Folding_in_an_empty_history_scores_the_item_biases_and_a_bad_item_is_refused()
    {
        var model = new BiasedMf(new BiasedMfOptions { Factors = 2, Epochs = 20 });
        model.Fit(TinyData.Ratings(), FitContext.Default);
        var scores = new float[5];

        model.ScoreHistory([], [], scores);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => (float)(model.Mean + model.ItemBiases[i])), scores, new ToleranceComparer(1e-5));
        Assert.Throws<ArgumentException>(() => model.ScoreHistory([7], [4], scores));
        Assert.Throws<ArgumentException>(() => model.ScoreHistory([1], [], scores));
    }

    [Fact]
    public void Folding_in_solves_the_per_user_objective_exactly()
    {
        // With the item side fixed, b and p minimise Σ_k (r_k − μ − b_k − b − pᵀq_k)² + n λ_b b² + n λ_f |p|²,
        // so at the solution Σ e_k = n λ_b b and Σ e_k q_k = n λ_f p, with e_k = r_k − s_k the rating
        // minus its folded-in score. b and p are read back from three items' scores: s − μ − b_i = b + pᵀq_i.
        var (train, _) = RatingData.LowRank();
        var options = new BiasedMfOptions { Factors = 2, Epochs = 30, LearningRate = 0.02, BiasRegularization = 0.3, FactorRegularization = 0.2 };
        var model = new BiasedMf(options);
        model.Fit(train, FitContext.Default);
        var (items, values) = RatingData.History(train, 0);
        var scores = new float[train.ItemCount];
        model.ScoreHistory(items, values, scores);

        double[,] a = new double[3, 3];
        var rhs = new double[3];
        for (var r = 0; r < 3; r++)
        {
            var q = model.ItemVector(r);
            (a[r, 0], a[r, 1], a[r, 2]) = (1, q[0], q[1]);
            rhs[r] = scores[r] - model.Mean - model.ItemBiases[r];
        }

        var solution = Solve3(a, rhs);
        var n = items.Length;
        double biasGradient = 0, gradient0 = 0, gradient1 = 0;
        for (var k = 0; k < n; k++)
        {
            var q = model.ItemVector(items[k]);
            var error = values[k] - scores[items[k]];
            biasGradient += error;
            gradient0 += error * q[0];
            gradient1 += error * q[1];
        }

        Assert.Equal(n * 0.3 * solution[0], biasGradient, 2);
        Assert.Equal(n * 0.2 * solution[1], gradient0, 2);
        Assert.Equal(n * 0.2 * solution[2], gradient1, 2);
    }

    [Theory]
    [InlineData("""{"factors":3}""")]
    [InlineData("""{"epochs":3}""")]
    [InlineData("""{"learningRate":0.02}""")]
    [InlineData("""{"learningRateDecay":0.5}""")]
    [InlineData("""{"biasRegularization":0.5}""")]
    [InlineData("""{"factorRegularization":0.5}""")]
    [InlineData("""{"initStdDev":0.3}""")]
    public void Every_option_changes_the_predictions(string json)
    {
        var baseline = new BiasedMfOptions { Factors = 4, Epochs = 10 };
        OptionEffects.AssertChangesPredictions(baseline, json, o => new BiasedMf(o));
    }

    [Theory]
    [InlineData(nameof(BiasedMfOptions.Factors))]
    [InlineData(nameof(BiasedMfOptions.Epochs))]
    [InlineData(nameof(BiasedMfOptions.LearningRate))]
    [InlineData(nameof(BiasedMfOptions.LearningRateDecay))]
    [InlineData(nameof(BiasedMfOptions.BiasRegularization))]
    [InlineData(nameof(BiasedMfOptions.FactorRegularization))]
    [InlineData(nameof(BiasedMfOptions.InitStdDev))]
    public void Invalid_options_are_refused_naming_the_option(string option)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => option switch
        {
            nameof(BiasedMfOptions.Factors) => new BiasedMfOptions { Factors = 0 },
            nameof(BiasedMfOptions.Epochs) => new BiasedMfOptions { Epochs = -1 },
            nameof(BiasedMfOptions.LearningRate) => new BiasedMfOptions { LearningRate = 0 },
            nameof(BiasedMfOptions.LearningRateDecay) => new BiasedMfOptions { LearningRateDecay = double.NaN },
            nameof(BiasedMfOptions.BiasRegularization) => new BiasedMfOptions { BiasRegularization = -0.1 },
            nameof(BiasedMfOptions.FactorRegularization) => new BiasedMfOptions { FactorRegularization = double.PositiveInfinity },
            _ => new BiasedMfOptions { InitStdDev = -1 },
        });

        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public void Predictions_are_clipped_to_the_training_range_and_unknowns_get_the_biases()
    {
        var model = new BiasedMf(new BiasedMfOptions { Factors = 2, Epochs = 50, LearningRate = 0.05 });
        model.Fit(TinyData.Ratings(), FitContext.Default);

        for (var u = -1; u <= 4; u++)
        {
            for (var i = -1; i <= 5; i++)
            {
                Assert.InRange(model.Predict(u, i), 1f, 5f);
            }
        }

        Assert.Equal((float)(model.Mean + model.ItemBiases[2]), model.Predict(-1, 2), 5);
        Assert.Equal((float)(model.Mean + model.UserBiases[1]), model.Predict(1, 99), 5);
    }

    private static double[] Solve3(double[,] a, double[] b)
    {
        // Cramer's rule: small, and independent of the model's own Cholesky solver.
        static double Det(double[,] m) =>
            (m[0, 0] * ((m[1, 1] * m[2, 2]) - (m[1, 2] * m[2, 1])))
            - (m[0, 1] * ((m[1, 0] * m[2, 2]) - (m[1, 2] * m[2, 0])))
            + (m[0, 2] * ((m[1, 0] * m[2, 1]) - (m[1, 1] * m[2, 0])));
        var det = Det(a);
        var result = new double[3];
        for (var c = 0; c < 3; c++)
        {
            var m = (double[,])a.Clone();
            for (var r = 0; r < 3; r++)
            {
                m[r, c] = b[r];
            }

            result[c] = Det(m) / det;
        }

        return result;
    }
}
