using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Models.Factorization;
using Affinity.Models.Tests.Conformance;
using Affinity.Models.Tests.Support;
using Affinity.Testing;

namespace Affinity.Models.Tests.Factorization;

public sealed class BprTests : RecommenderConformanceTests
{
    /// <summary>Deterministic, and sized for data of ten items: 4 factors, 40 checkerboard positives × 300 epochs.</summary>
    private static readonly BprOptions Small = new() { Factors = 4, LearningRate = 0.1, Regularization = 0.01, Epochs = 300, Deterministic = true };

    protected override IRecommender CreateModel() => new Bpr(Small);

    protected override bool LearnsCollaborativeStructure => true;

    /// <summary>BPR's fold-in is SGD; its explanation decomposes the least-squares fold-in, pinned below.</summary>
    protected override bool ExplainsItsFoldIn => false;

    [Fact]
    public void Explanations_are_the_terms_of_the_unit_confidence_ridge_fold_in()
    {
        // With every confidence 1, x = (YᵀY + λI)⁻¹ Σ_h y_h, so history item h's term is y_iᵀ (YᵀY + λI)⁻¹ y_h
        // and the item bias b_i is a reason of its own. Worked out here with a dense 4 × 4 solve.
        var data = TinyData.Checkerboard(5);
        var model = new Bpr(Small);
        model.Fit(data, FitContext.Default);
        const int user = 0;
        const int item = 0;
        var k = model.Factors;
        var gram = new double[k, k];
        for (var j = 0; j < data.ItemCount; j++)
        {
            var y = model.ItemVector(j);
            for (var a = 0; a < k; a++)
            {
                for (var b = 0; b < k; b++)
                {
                    gram[a, b] += y[a] * y[b];
                }
            }
        }

        for (var a = 0; a < k; a++)
        {
            gram[a, a] += Small.Regularization;
        }

        var z = DenseSolve(gram, [.. model.ItemVector(item).ToArray().Select(v => (double)v)]);
        var explanation = model.Explain(user, item, int.MaxValue);

        foreach (var h in data.ByUser.RowColumns(user).ToArray())
        {
            var y = model.ItemVector(h).ToArray();
            var expected = Enumerable.Range(0, k).Sum(f => y[f] * z[f]);
            var reason = Assert.Single(explanation.Reasons, r => r.Kind == ReasonKind.HistoryItem && r.Item == h);
            Assert.Equal(expected, reason.Weight, 4);
        }

        Assert.Equal(model.ItemBiases[item], Assert.Single(explanation.Reasons, r => r.Kind == ReasonKind.Bias).Weight);
    }

    /// <summary>Gaussian elimination with partial pivoting: a reference independent of the model's Cholesky.</summary>
    private static double[] DenseSolve(double[,] a, double[] b)
    {
        var n = b.Length;
        for (var c = 0; c < n; c++)
        {
            var pivot = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(a[r, c]));
            for (var j = 0; j < n; j++)
            {
                (a[c, j], a[pivot, j]) = (a[pivot, j], a[c, j]);
            }

            (b[c], b[pivot]) = (b[pivot], b[c]);
            for (var r = c + 1; r < n; r++)
            {
                var f = a[r, c] / a[c, c];
                for (var j = c; j < n; j++)
                {
                    a[r, j] -= f * a[c, j];
                }

                b[r] -= f * b[c];
            }
        }

        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = b[r];
            for (var j = r + 1; j < n; j++)
            {
                sum -= a[r, j] * x[j];
            }

            x[r] = sum / a[r, r];
        }

        return x;
    }

    [Fact]
    public void The_deterministic_mode_reproduces_the_factors_bit_for_bit()
    {
        var data = FactorTestData.Random(80, 50, seed: 1);
        var first = new Bpr(Small with { Epochs = 5 });
        var second = new Bpr(Small with { Epochs = 5 });
        var otherSeed = new Bpr(Small with { Epochs = 5 });
        first.Fit(data, FitContext.Default with { Seed = 3 });
        second.Fit(data, FitContext.Default with { Seed = 3 });
        otherSeed.Fit(data, FitContext.Default with { Seed = 4 });

        Assert.Equal(FactorTestData.Parameters(first), FactorTestData.Parameters(second));
        Assert.NotEqual(FactorTestData.Parameters(first), FactorTestData.Parameters(otherSeed));
    }

    [Theory]
    [InlineData(21)]
    [InlineData(3)]
    public void The_deterministic_mode_is_cornacs_scalar_learnbpr_step_for_step(int factors)
    {
        // A scalar re-implementation of the documented algorithm: the same generator calls in the
        // same order (users' then items' uniform initial factors, one thread generator seeded from
        // the first, then per sample a positive pair and a negative item), and Cornac's update loop.
        const int seed = 5;
        const float rate = 0.05f, reg = 0.01f;
        var data = FactorTestData.Random(30, 20, seed: 9);
        var model = new Bpr(new BprOptions { Factors = factors, LearningRate = rate, Regularization = reg, Epochs = 3, Deterministic = true });
        model.Fit(data, FitContext.Default with { Seed = seed });

        var byUser = data.ByUser;
        var userOf = Enumerable.Range(0, data.UserCount).SelectMany(u => Enumerable.Repeat(u, byUser.RowLength(u))).ToArray();
        var random = new Random(seed);
        var x = Uniform(data.UserCount * factors, factors, random);
        var y = Uniform(data.ItemCount * factors, factors, random);
        var b = new float[data.ItemCount];
        var generator = new Random(random.Next());
        for (var sample = 0; sample < 3 * byUser.EntryCount; sample++)
        {
            var pair = generator.Next(byUser.EntryCount);
            var (u, i, j) = (userOf[pair], byUser.Columns[pair], generator.Next(data.ItemCount));
            if (byUser.Contains(u, j))
            {
                continue;
            }

            var score = b[i] - b[j];
            for (var f = 0; f < factors; f++)
            {
                score += x[(u * factors) + f] * (y[(i * factors) + f] - y[(j * factors) + f]);
            }

            var z = 1 / (1 + MathF.Exp(score));
            for (var f = 0; f < factors; f++)
            {
                var (xu, yi, yj) = ((u * factors) + f, (i * factors) + f, (j * factors) + f);
                var temp = x[xu];
                x[xu] += rate * ((z * (y[yi] - y[yj])) - (reg * x[xu]));
                y[yi] += rate * ((z * temp) - (reg * y[yi]));
                y[yj] += rate * ((-z * temp) - (reg * y[yj]));
            }

            b[i] += rate * (z - (reg * b[i]));
            b[j] += rate * (-z - (reg * b[j]));
        }

        Assert.Equal([.. x, .. y, .. b], FactorTestData.Parameters(model), new ToleranceComparer(1e-5));
    }

    [Fact]
    public void One_thread_is_the_deterministic_mode()
    {
        var data = FactorTestData.Random(80, 50, seed: 1);
        var deterministic = new Bpr(Small with { Epochs = 5 });
        var oneThread = new Bpr(Small with { Epochs = 5, Deterministic = false });
        deterministic.Fit(data, FitContext.Default);
        oneThread.Fit(data, FitContext.Default with { MaxDegreeOfParallelism = 1 });

        Assert.Equal(FactorTestData.Parameters(deterministic), FactorTestData.Parameters(oneThread));
    }

    [Fact]
    public void Hogwild_training_on_several_threads_also_solves_the_checkerboard()
    {
        var data = TinyData.Checkerboard(5);
        var model = new Bpr(Small with { Deterministic = false });
        model.Fit(data, FitContext.Default with { MaxDegreeOfParallelism = 2 });

        for (var u = 0; u < 10; u++)
        {
            Assert.Equal(u, Assert.Single(model.Recommend(new RecommendRequest(u, 1)).Items).Item);
        }
    }

    [Fact]
    public void Positives_end_up_above_the_other_items()
    {
        // The training AUC: for every user, the share of (positive, other) pairs in the right order.
        var data = FactorTestData.Random(60, 40, seed: 2);
        var model = new Bpr(Small with { Factors = 16, Epochs = 100, LearningRate = 0.05 });
        model.Fit(data, FitContext.Default);
        var scores = new float[data.ItemCount];
        double ordered = 0, pairs = 0;

        for (var u = 0; u < data.UserCount; u++)
        {
            model.ScoreItems(u, scores);
            var positives = data.ByUser.RowColumns(u).ToArray();
            foreach (var i in positives)
            {
                for (var j = 0; j < data.ItemCount; j++)
                {
                    if (!positives.Contains(j))
                    {
                        pairs++;
                        ordered += scores[i] > scores[j] ? 1 : 0;
                    }
                }
            }
        }

        Assert.True(ordered / pairs > 0.95, $"training AUC {ordered / pairs}");
    }

    [Fact]
    public void Fold_in_of_a_training_history_ranks_like_the_trained_user()
    {
        // Fold-in repeats the user's training updates against the final items, so its scores follow
        // the trained user's closely without reproducing them.
        var data = FactorTestData.Random(60, 40, seed: 2);
        var model = new Bpr(Small with { Factors = 16, Epochs = 100, LearningRate = 0.05 });
        model.Fit(data, FitContext.Default);
        var trained = new float[data.ItemCount];
        var folded = new float[data.ItemCount];
        var correlations = new List<double>();

        for (var u = 0; u < data.UserCount; u++)
        {
            model.ScoreItems(u, trained);
            model.ScoreHistory(data.ByUser.RowColumns(u), data.ByUser.RowValues(u), folded);
            correlations.Add(FactorTestData.Correlation(trained, folded));
        }

        Assert.True(correlations.Average() > 0.95, $"mean correlation {correlations.Average()}");
    }

    [Fact]
    public void Fold_in_recommends_the_held_back_item_of_a_new_checkerboard_history()
    {
        var data = TinyData.Checkerboard(5);
        var model = new Bpr(Small);
        model.Fit(data, FitContext.Default);

        var first = FoldIn.Recommend(model, data.ItemCount, [0, 1, 3, 4], [1f, 1f, 1f, 1f], new RecommendRequest(-1, 1));
        var second = FoldIn.Recommend(model, data.ItemCount, [5, 6, 7, 8], [1f, 1f, 1f, 1f], new RecommendRequest(-1, 1));

        Assert.Equal(2, Assert.Single(first.Items).Item);
        Assert.Equal(9, Assert.Single(second.Items).Item);
    }

    [Fact]
    public void Items_get_biases_and_the_biases_enter_the_score()
    {
        var data = FactorTestData.Random(40, 30, seed: 6);
        var model = new Bpr(Small with { Epochs = 20 });
        model.Fit(data, FitContext.Default);
        var scores = new float[data.ItemCount];
        model.ScoreItems(3, scores);

        Assert.Equal(data.ItemCount, model.ItemBiases.Length);
        var item = 7;
        var dot = 0.0;
        for (var f = 0; f < model.Factors; f++)
        {
            dot += model.UserVector(3)[f] * model.ItemVector(item)[f];
        }

        Assert.Equal(dot + model.ItemBiases[item], scores[item], 5);
        Assert.Contains(model.ItemBiases.ToArray(), b => b != 0);
    }

    [Theory]
    [InlineData("""{"factors":5}""")]
    [InlineData("""{"learningRate":0.02}""")]
    [InlineData("""{"regularization":0.5}""")]
    [InlineData("""{"epochs":3}""")]
    [InlineData("""{"verifyNegatives":false}""")]
    [InlineData("""{"seed":9}""")]
    public void Every_option_changes_the_scores(string json)
    {
        var baseline = Small with { Epochs = 10 };
        var changed = OptionsJson.Merge(baseline, json);
        Assert.NotEqual(baseline, changed);
        var data = TinyData.Ratings();
        var reference = new Bpr(baseline);
        var variant = new Bpr(changed);
        reference.Fit(data, FitContext.Default);
        variant.Fit(data, FitContext.Default);

        Assert.NotEqual(FactorTestData.AllScores(reference), FactorTestData.AllScores(variant));
    }

    [Theory]
    [InlineData(nameof(BprOptions.Factors), 0)]
    [InlineData(nameof(BprOptions.LearningRate), 0)]
    [InlineData(nameof(BprOptions.Regularization), -0.1)]
    [InlineData(nameof(BprOptions.Regularization), double.PositiveInfinity)]
    [InlineData(nameof(BprOptions.Epochs), -1)]
    public void Invalid_options_are_refused_naming_the_option(string option, double value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => option switch
        {
            nameof(BprOptions.Factors) => new BprOptions { Factors = (int)value },
            nameof(BprOptions.LearningRate) => new BprOptions { LearningRate = value },
            nameof(BprOptions.Regularization) => new BprOptions { Regularization = value },
            _ => new BprOptions { Epochs = (int)value },
        });

        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public void Reports_every_epoch_and_stops_when_cancelled()
    {
        var reports = new List<FitProgress>();
        new Bpr(Small with { Epochs = 4 }).Fit(TinyData.Ratings(), FitContext.Default with { Progress = new FactorTestData.ListProgress(reports) });

        Assert.Equal(Enumerable.Range(1, 4).Select(n => new FitProgress("epoch", n, 4)), reports);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new Bpr(Small).Fit(TinyData.Ratings(), FitContext.Default with { CancellationToken = cancelled.Token }));
    }

    [Fact]
    public void Data_without_positives_fits_and_falls_back()
    {
        var b = new DatasetBuilder("zeros", FeedbackKind.Implicit);
        b.Add("u", "i", 0);
        b.AddItem("j");
        var model = new Bpr(Small);
        model.Fit(b.Build(), FitContext.Default);

        Assert.False(model.Recommend(new RecommendRequest(0, 2)).IsFallback);
        Assert.Equal(2, model.Recommend(new RecommendRequest(0, 2) { ExcludeSeen = false }).Items.Count);
    }

    private static float[] Uniform(int count, int factors, Random random)
        => Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() - 0.5) / factors)).ToArray();
}
