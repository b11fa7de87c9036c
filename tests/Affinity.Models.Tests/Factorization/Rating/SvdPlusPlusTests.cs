using Affinity.Core.Recommending;
using Affinity.Models.Factorization;
using Affinity.Models.Factorization.Rating;
using Affinity.Models.Tests.Support;
using Affinity.Testing;

namespace Affinity.Models.Tests.Factorization.Rating;

public sealed class SvdPlusPlusTests : SgdRatingModelTests
{
    protected override IRecommender CreateModel() => new SvdPlusPlus(new SvdPlusPlusOptions { Factors = 4, Epochs = 30, LearningRate = 0.02 });

    protected override RatingFactorModel CreateLearner(int passes) => new SvdPlusPlus(new SvdPlusPlusOptions { Factors = 4, Epochs = passes, LearningRate = 0.02 });

    [Fact]
    public void One_epoch_applies_the_per_user_batch_by_hand()
    {
        // μ = 3; γ = 0.1, λ_b = 0.5, λ_f = 0.2, λ_y = 0.3. Initial p, q, y are FactorMatrix.Normal from
        // new Random(seed) in that order. u1 rated only i1 (N(u1) = {i1}, n = 1), so z = y1 / √1 and
        // for (u1, i1, 5): e = 2 − q·(p + z); b_u = b_i = γ e; p' = p + γ (e q − λ_f p);
        // q' = q + γ (e (p + z) − λ_f q); then, once for the user, y1' = (1 − γ λ_y)¹ y1 + γ e q / √1.
        // The stored user vector is p' + y1'. u2 / i2 are the same with e = −2 − q·(p + z).
        var options = new SvdPlusPlusOptions { Factors = 2, Epochs = 1, LearningRate = 0.1, BiasRegularization = 0.5, FactorRegularization = 0.2, ImplicitRegularization = 0.3 };
        var model = new SvdPlusPlus(options);
        model.Fit(RatingData.TwoDisjointRatings(), FitContext.Default with { Seed = 5 });

        var random = new Random(5);
        var p0 = FactorMatrix.Normal(2, 2, 0.1, random);
        var q0 = FactorMatrix.Normal(2, 2, 0.1, random);
        var y0 = FactorMatrix.Normal(2, 2, 0.1, random);
        float[] targets = [2, -2];
        var close = new ToleranceComparer(1e-6);
        for (var n = 0; n < 2; n++)
        {
            var p = p0.Row(n).ToArray();
            var q = q0.Row(n).ToArray();
            var y = y0.Row(n).ToArray();
            double[] x = [p[0] + y[0], p[1] + y[1]];
            var e = targets[n] - ((q[0] * x[0]) + (q[1] * x[1]));
            double[] p1 = [p[0] + (0.1 * ((e * q[0]) - (0.2 * p[0]))), p[1] + (0.1 * ((e * q[1]) - (0.2 * p[1])))];
            double[] q1 = [q[0] + (0.1 * ((e * x[0]) - (0.2 * q[0]))), q[1] + (0.1 * ((e * x[1]) - (0.2 * q[1])))];
            double[] y1 = [(0.97 * y[0]) + (0.1 * e * q[0]), (0.97 * y[1]) + (0.1 * e * q[1])];

            Assert.Equal(0.1 * e, model.UserBiases[n], 6);
            Assert.Equal(0.1 * e, model.ItemBiases[n], 6);
            Assert.Equal(q1, model.ItemVector(n).ToArray().Select(v => (double)v), close);
            Assert.Equal(y1, model.ImplicitVector(n).ToArray().Select(v => (double)v), close);
            Assert.Equal([p1[0] + y1[0], p1[1] + y1[1]], model.UserVector(n).ToArray().Select(v => (double)v), close);
        }
    }

    [Theory]
    [InlineData("""{"factors":3}""")]
    [InlineData("""{"epochs":3}""")]
    [InlineData("""{"learningRate":0.02}""")]
    [InlineData("""{"learningRateDecay":0.5}""")]
    [InlineData("""{"biasRegularization":0.5}""")]
    [InlineData("""{"factorRegularization":0.5}""")]
    [InlineData("""{"implicitRegularization":0.5}""")]
    [InlineData("""{"initStdDev":0.3}""")]
    public void Every_option_changes_the_predictions(string json)
    {
        var baseline = new SvdPlusPlusOptions { Factors = 4, Epochs = 10 };
        OptionEffects.AssertChangesPredictions(baseline, json, o => new SvdPlusPlus(o));
    }

    [Theory]
    [InlineData(nameof(SvdPlusPlusOptions.Factors))]
    [InlineData(nameof(SvdPlusPlusOptions.Epochs))]
    [InlineData(nameof(SvdPlusPlusOptions.LearningRate))]
    [InlineData(nameof(SvdPlusPlusOptions.LearningRateDecay))]
    [InlineData(nameof(SvdPlusPlusOptions.BiasRegularization))]
    [InlineData(nameof(SvdPlusPlusOptions.FactorRegularization))]
    [InlineData(nameof(SvdPlusPlusOptions.ImplicitRegularization))]
    [InlineData(nameof(SvdPlusPlusOptions.InitStdDev))]
    public void Invalid_options_are_refused_naming_the_option(string option)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => option switch
        {
            nameof(SvdPlusPlusOptions.Factors) => new SvdPlusPlusOptions { Factors = -2 },
            nameof(SvdPlusPlusOptions.Epochs) => new SvdPlusPlusOptions { Epochs = 0 },
            nameof(SvdPlusPlusOptions.LearningRate) => new SvdPlusPlusOptions { LearningRate = -0.1 },
            nameof(SvdPlusPlusOptions.LearningRateDecay) => new SvdPlusPlusOptions { LearningRateDecay = 0 },
            nameof(SvdPlusPlusOptions.BiasRegularization) => new SvdPlusPlusOptions { BiasRegularization = double.NaN },
            nameof(SvdPlusPlusOptions.FactorRegularization) => new SvdPlusPlusOptions { FactorRegularization = -1 },
            nameof(SvdPlusPlusOptions.ImplicitRegularization) => new SvdPlusPlusOptions { ImplicitRegularization = double.NegativeInfinity },
            _ => new SvdPlusPlusOptions { InitStdDev = double.NaN },
        });

        Assert.Equal(option, error.ParamName);
    }
}
