using Affinity.Core.Loading;
using Affinity.Core.Recommending;
using Affinity.Models.Factorization.Rating;
using Affinity.Testing;

namespace Affinity.Models.Tests.Factorization.Rating;

public sealed class BayesianMfTests : RatingFactorModelTests
{
    private static readonly BayesianMfOptions Small = new() { Factors = 3, BurnIn = 10, Samples = 20 };

    protected override IRecommender CreateModel() => new BayesianMf(Small);

    protected override RatingFactorModel CreateLearner(int passes) => new BayesianMf(new BayesianMfOptions { Factors = 4, BurnIn = passes / 5, Samples = 2 * passes / 5 });

    [Fact]
    public void The_result_does_not_depend_on_the_number_of_threads()
    {
        var (train, test) = RatingData.LowRank();
        var one = new BayesianMf(Small);
        var many = new BayesianMf(Small);
        one.Fit(train, FitContext.Default with { MaxDegreeOfParallelism = 1 });
        many.Fit(train, FitContext.Default with { MaxDegreeOfParallelism = 4 });

        for (var n = 0; n < test.Count; n++)
        {
            Assert.Equal(one.Predict(test.UserIndexes[n], test.ItemIndexes[n]), many.Predict(test.UserIndexes[n], test.ItemIndexes[n]));
        }

        Assert.Equal(one.UserVector(3).ToArray(), many.UserVector(3).ToArray());
    }

    [Fact]
    public void A_different_seed_gives_different_samples()
    {
        var a = new BayesianMf(Small);
        var b = new BayesianMf(Small);
        a.Fit(TinyData.Ratings(), FitContext.Default with { Seed = 1 });
        b.Fit(TinyData.Ratings(), FitContext.Default with { Seed = 2 });

        Assert.NotEqual(a.UserVector(0).ToArray(), b.UserVector(0).ToArray());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Every_variant_learns_and_folds_in(bool userImplicit, bool itemImplicit)
    {
        var (train, test) = RatingData.LowRank();
        var model = new BayesianMf(new BayesianMfOptions { Factors = 4, BurnIn = 20, Samples = 40, UserImplicit = userImplicit, ItemImplicit = itemImplicit });
        model.Fit(train, FitContext.Default);

        Assert.True(RatingData.Rmse(model, test) < 0.6 * RatingData.MeanRmse(train, test), $"{RatingData.Rmse(model, test)} vs {RatingData.MeanRmse(train, test)}");
        FoldInChecks.AssertApproximatesLearnedScores(model, train);
    }

    [Fact]
    public void Plain_bpmf_saves_and_loads_without_implicit_sections()
    {
        var model = new BayesianMf(Small with { UserImplicit = false, ItemImplicit = false });
        model.Fit(TinyData.Ratings(), FitContext.Default);
        using var file = new MemoryStream();
        ModelCatalog.Default.Save(model, file);
        file.Position = 0;

        var loaded = Assert.IsType<BayesianMf>(ModelCatalog.Default.Load(file, "plain.model"));

        var scores = new float[5];
        loaded.ScoreHistory([0, 2], [5, 1], scores);
        var expected = new float[5];
        model.ScoreHistory([0, 2], [5, 1], expected);
        Assert.Equal(expected, scores);
    }

    [Fact]
    public void Stores_one_block_of_factors_per_kept_sample()
    {
        var model = new BayesianMf(Small);
        model.Fit(TinyData.Ratings(), FitContext.Default);

        // 20 samples × 3 factors; the user blocks carry p / S, so their dot with the item blocks is the sample mean.
        Assert.Equal(60, model.VectorLength);
    }

    [Fact]
    public void Reports_every_sweep()
    {
        var reports = new List<FitProgress>();
        new BayesianMf(new BayesianMfOptions { Factors = 2, BurnIn = 3, Samples = 2, Thinning = 2 })
            .Fit(TinyData.Ratings(), FitContext.Default with { Progress = new ListProgress(reports) });

        // 3 burn-in sweeps + 2 samples × 2 sweeps each.
        Assert.Equal(Enumerable.Range(1, 7).Select(t => new FitProgress("sweep", t, 7)), reports);
    }

    [Theory]
    [InlineData("""{"factors":4}""")]
    [InlineData("""{"burnIn":3}""")]
    [InlineData("""{"samples":7}""")]
    [InlineData("""{"thinning":2}""")]
    [InlineData("""{"noisePrecision":0.5}""")]
    [InlineData("""{"learnNoisePrecision":true}""")]
    [InlineData("""{"userImplicit":false}""")]
    [InlineData("""{"itemImplicit":false}""")]
    [InlineData("""{"meanPriorStrength":10}""")]
    [InlineData("""{"initStdDev":0.5}""")]
    public void Every_option_changes_the_predictions(string json)
    {
        // α is fixed in the baseline so that NoisePrecision matters; the last-but-one case learns it instead.
        var baseline = Small with { LearnNoisePrecision = false };
        OptionEffects.AssertChangesPredictions(baseline, json, o => new BayesianMf(o));
    }

    [Theory]
    [InlineData(nameof(BayesianMfOptions.Factors))]
    [InlineData(nameof(BayesianMfOptions.BurnIn))]
    [InlineData(nameof(BayesianMfOptions.Samples))]
    [InlineData(nameof(BayesianMfOptions.Thinning))]
    [InlineData(nameof(BayesianMfOptions.NoisePrecision))]
    [InlineData(nameof(BayesianMfOptions.MeanPriorStrength))]
    [InlineData(nameof(BayesianMfOptions.InitStdDev))]
    public void Invalid_options_are_refused_naming_the_option(string option)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => option switch
        {
            nameof(BayesianMfOptions.Factors) => new BayesianMfOptions { Factors = 0 },
            nameof(BayesianMfOptions.BurnIn) => new BayesianMfOptions { BurnIn = -1 },
            nameof(BayesianMfOptions.Samples) => new BayesianMfOptions { Samples = 0 },
            nameof(BayesianMfOptions.Thinning) => new BayesianMfOptions { Thinning = 0 },
            nameof(BayesianMfOptions.NoisePrecision) => new BayesianMfOptions { NoisePrecision = 0 },
            nameof(BayesianMfOptions.MeanPriorStrength) => new BayesianMfOptions { MeanPriorStrength = double.NaN },
            _ => new BayesianMfOptions { InitStdDev = -0.5 },
        });

        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public void Beats_the_bias_baseline_on_ml100k_u1_with_a_short_chain()
    {
        // The one real-data smoke test: 4 factors, 4 + 8 sweeps. The bias baseline
        // scores 0.9599 on u1 (BiasBaselineMovieLensTests); the default chain reaches 0.888 there.
        var train = MovieLens100K.LoadRatingsFile(TestData.PathOf("ml-100k", "u1.base"), "u1.base");
        var test = MovieLens100K.LoadRatingsFile(TestData.PathOf("ml-100k", "u1.test"), "u1.test");
        var model = new BayesianMf(new BayesianMfOptions { Factors = 4, BurnIn = 4, Samples = 8 });
        model.Fit(train, FitContext.Default);

        var squared = 0.0;
        for (var n = 0; n < test.Count; n++)
        {
            var u = train.Users.IndexOf(test.Users[test.UserIndexes[n]]);
            var i = train.Items.IndexOf(test.Items[test.ItemIndexes[n]]);
            var error = model.Predict(u, i) - test.Values[n];
            squared += error * error;
        }

        var rmse = Math.Sqrt(squared / test.Count);
        Assert.True(rmse is > 0.85 and < 0.935, $"RMSE {rmse}");
    }

    private sealed class ListProgress(List<FitProgress> reports) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => reports.Add(value);
    }
}
