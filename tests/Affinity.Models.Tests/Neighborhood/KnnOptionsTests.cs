using System.Text.Json;
using Affinity.Core.Data;
using Affinity.Core.Recommending;
using Affinity.Models.Baselines;
using Affinity.Models.Neighborhood;
using Affinity.Models.Tests.Support;

namespace Affinity.Models.Tests.Neighborhood;

public sealed class KnnOptionsTests
{
    private const string RatingBase = """{"mode":"rating","neighbors":5,"storedNeighbors":8}""";
    private const string RankingBase = """{"mode":"ranking","neighbors":5}""";
    private const string CosineBase = """{"mode":"ranking","neighbors":5,"similarity":"cosine"}""";

    /// <summary>Every option in the mode that reads it; both classes run every row (see <see cref="AssertChangesOutput"/>).</summary>
    public static TheoryData<string, string> Changes() => new()
    {
        { RatingBase, """{"mode":"ranking"}""" },
        { RatingBase, """{"similarity":"cosine"}""" },
        { RatingBase, """{"similarity":"pearson"}""" },
        { RatingBase, """{"similarity":"msd"}""" },
        { RatingBase, """{"similarity":"adjustedCosine","baselineResiduals":true}""" },
        { RatingBase, """{"neighbors":3}""" },
        { RatingBase, """{"storedNeighbors":5}""" },
        { RatingBase, """{"shrinkage":10}""" },
        { RatingBase, """{"minSupport":4}""" },
        { RatingBase, """{"baselineResiduals":true}""" },
        { RatingBase, """{"baselineResiduals":false}""" },
        { RatingBase, """{"baseline":{"alsUserReg":0}}""" },
        { RankingBase, """{"similarity":"cosine"}""" },
        { RankingBase, """{"similarity":"jaccard"}""" },
        { RankingBase, """{"similarity":"tfIdf"}""" },
        { RankingBase, """{"similarity":"bm25"}""" },
        { RankingBase, """{"neighbors":3}""" },
        { RankingBase, """{"shrinkage":10}""" },
        { RankingBase, """{"minSupport":4}""" },
        { RankingBase, """{"binarize":false}""" },
        { RankingBase, """{"k1":3}""" },
        { RankingBase, """{"b":0.2}""" },
        { RankingBase, """{"normalization":"rowSum"}""" },
        { RankingBase, """{"normalization":"none"}""" },
        { CosineBase, """{"alpha":0.3}""" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Every_item_knn_hyperparameter_changes_the_output(string baseline, string patch)
        => AssertChangesOutput<ItemKnnOptions>(baseline, patch, o => new ItemKnn(o));

    [Theory]
    [MemberData(nameof(Changes))]
    public void Every_user_knn_hyperparameter_changes_the_output(string baseline, string patch)
        => AssertChangesOutput<UserKnnOptions>(baseline, patch, o => new UserKnn(o));

    [Fact]
    public void The_per_mode_defaults_are_those_chosen_on_validation()
    {
        var itemRating = new ItemKnnOptions().ResolvedFor(KnnMode.Rating);
        var itemRanking = new ItemKnnOptions().ResolvedFor(KnnMode.Ranking);
        var userRating = new UserKnnOptions().ResolvedFor(KnnMode.Rating);
        var userRanking = new UserKnnOptions().ResolvedFor(KnnMode.Ranking);

        Assert.Equal((KnnSimilarity.AdjustedCosine, 40, 100.0, false), (itemRating.Similarity!.Value, itemRating.Neighbors!.Value, itemRating.Shrinkage!.Value, itemRating.BaselineResiduals!.Value));
        Assert.Equal((KnnSimilarity.Bm25, 100, 100.0, KnnNormalization.RowSum), (itemRanking.Similarity!.Value, itemRanking.Neighbors!.Value, itemRanking.Shrinkage!.Value, itemRanking.Normalization!.Value));
        Assert.Equal((KnnSimilarity.Cosine, 40, 100.0, true), (userRating.Similarity!.Value, userRating.Neighbors!.Value, userRating.Shrinkage!.Value, userRating.BaselineResiduals!.Value));
        Assert.Equal((KnnSimilarity.Bm25, 80, 0.0, KnnNormalization.None), (userRanking.Similarity!.Value, userRanking.Neighbors!.Value, userRanking.Shrinkage!.Value, userRanking.Normalization!.Value));
        Assert.Equal(KnnMode.Ranking, userRanking.Mode);
        Assert.IsType<UserKnnOptions>(userRanking);
    }

    [Fact]
    public void Options_that_are_set_win_over_the_mode_defaults()
    {
        var resolved = new ItemKnnOptions { Similarity = KnnSimilarity.Cosine, Neighbors = 7, Shrinkage = 0 }.ResolvedFor(KnnMode.Ranking);

        Assert.Equal(KnnSimilarity.Cosine, resolved.Similarity);
        Assert.Equal(7, resolved.Neighbors);
        Assert.Equal(0, resolved.Shrinkage);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ItemKnnOptions().ResolvedFor(KnnMode.Auto));
    }

    [Fact]
    public void Invalid_options_are_refused_naming_the_option()
    {
        Assert.Equal("Neighbors", Refused(() => new ItemKnnOptions { Neighbors = 0 }));
        Assert.Equal("StoredNeighbors", Refused(() => new ItemKnnOptions { StoredNeighbors = -1 }));
        Assert.Equal("Shrinkage", Refused(() => new ItemKnnOptions { Shrinkage = -1 }));
        Assert.Equal("Shrinkage", Refused(() => new UserKnnOptions { Shrinkage = double.PositiveInfinity }));
        Assert.Equal("MinSupport", Refused(() => new ItemKnnOptions { MinSupport = 0 }));
        Assert.Equal("Alpha", Refused(() => new ItemKnnOptions { Alpha = 1.5 }));
        Assert.Equal("Alpha", Refused(() => new ItemKnnOptions { Alpha = double.NaN }));
        Assert.Equal("K1", Refused(() => new UserKnnOptions { K1 = -0.1 }));
        Assert.Equal("B", Refused(() => new UserKnnOptions { B = 1.01 }));
        Assert.Equal("Mode", Refused(() => new ItemKnnOptions { Mode = (KnnMode)9 }));
        Assert.Equal("Similarity", Refused(() => new ItemKnnOptions { Similarity = (KnnSimilarity)99 }));
        Assert.Equal("Normalization", Refused(() => new UserKnnOptions { Normalization = (KnnNormalization)(-1) }));
        Assert.Throws<ArgumentNullException>(() => new ItemKnnOptions { Baseline = null! });
    }

    [Fact]
    public void An_out_of_range_value_in_json_is_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ModelCatalog.Default.Create("item-knn", """{"neighbors":0}"""));

        Assert.Equal("Neighbors", error.ParamName);
        Assert.Throws<ArgumentException>(() => ModelCatalog.Default.Create("user-knn", """{"neighbours":10}"""));
    }

    public static TheoryData<object> NonDefaultOptions() =>
    [
        new ItemKnnOptions(),
        new UserKnnOptions(),
        new ItemKnnOptions
        {
            Mode = KnnMode.Ranking, Similarity = KnnSimilarity.TfIdf, Neighbors = 12, StoredNeighbors = 30, Shrinkage = 2.5, MinSupport = 3,
            BaselineResiduals = true, Binarize = false, Alpha = 0.2, K1 = 2, B = 0.5, Normalization = KnnNormalization.RowSum,
            Baseline = new BiasBaselineOptions { Solver = BiasSolver.Sgd, SgdEpochs = 3 },
        },
        new UserKnnOptions { Mode = KnnMode.Rating, Similarity = KnnSimilarity.Msd, Neighbors = 3, BaselineResiduals = false, Normalization = KnnNormalization.None },
    ];

    [Theory]
    [MemberData(nameof(NonDefaultOptions))]
    public void Options_survive_a_json_round_trip(object options)
    {
        var json = JsonSerializer.Serialize(options, options.GetType(), ModelCatalog.JsonOptions);

        Assert.Equal(options, JsonSerializer.Deserialize(json, options.GetType(), ModelCatalog.JsonOptions));
        Assert.Equal(options, JsonSerializer.Deserialize(JsonSerializer.Serialize(options, options.GetType()), options.GetType()));
    }

    [Fact]
    public void Missing_properties_keep_their_defaults()
    {
        var model = Assert.IsType<UserKnn>(ModelCatalog.Default.Create("user-knn", """{"mode":"ranking","baseline":{"alsEpochs":2}}"""));

        Assert.Equal(new UserKnnOptions { Mode = KnnMode.Ranking, Baseline = new BiasBaselineOptions { AlsEpochs = 2 } }, model.Options);
        Assert.Null(model.Options.Similarity);
    }

    private static string? Refused(Func<object> create) => Assert.Throws<ArgumentOutOfRangeException>(create).ParamName;

    private static void AssertChangesOutput<TOptions>(string baseline, string patch, Func<TOptions, IRatingPredictor> create)
        where TOptions : KnnOptions
    {
        // A patch that sets a class's own default (BM25 for ranking, say) must leave the output as it is,
        // which pins that null means that default; every other patch must change it.
        var before = JsonSerializer.Deserialize<TOptions>(baseline, ModelCatalog.JsonOptions)!;
        var after = OptionsJson.Merge(before, patch);
        var sameSettings = before.ResolvedFor(before.Mode).Equals(after.ResolvedFor(after.Mode));

        Assert.NotEqual(before, after);
        if (sameSettings)
        {
            Assert.Equal(Output(create(before)), Output(create(after)));
        }
        else
        {
            Assert.NotEqual(Output(create(before)), Output(create(after)));
        }
    }

    /// <summary>Predict (a rating, or the ranking score in ranking mode) for every (user, item) pair of a random dataset.</summary>
    private static float[] Output(IRatingPredictor model)
    {
        var data = KnnTestData.Random(40, 30, 0.3, seed: 8, FeedbackKind.Explicit);
        model.Fit(data, FitContext.Default);
        var output = new float[data.UserCount * data.ItemCount];
        for (var u = 0; u < data.UserCount; u++)
        {
            for (var i = 0; i < data.ItemCount; i++)
            {
                output[(u * data.ItemCount) + i] = model.Predict(u, i);
            }
        }

        return output;
    }
}
