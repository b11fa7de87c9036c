using System.Text.Json;
using Affinity.Core.Recommending;
using Affinity.Models.Factorization.Rating;

namespace Affinity.Models.Tests.Factorization.Rating;

public sealed class RatingOptionsJsonTests
{
    public static TheoryData<object> NonDefaultOptions() =>
    [
        new BiasedMfOptions { Factors = 7, Epochs = 3, LearningRate = 0.02, LearningRateDecay = 0.9, BiasRegularization = 0.3, FactorRegularization = 0.4, InitStdDev = 0.2 },
        new SvdPlusPlusOptions { Factors = 7, Epochs = 3, LearningRate = 0.02, LearningRateDecay = 0.9, BiasRegularization = 0.3, FactorRegularization = 0.4, ImplicitRegularization = 0.5, InitStdDev = 0.2 },
        new BayesianMfOptions { Factors = 7, BurnIn = 3, Samples = 9, Thinning = 2, NoisePrecision = 1.5, LearnNoisePrecision = false, MeanPriorStrength = 4, InitStdDev = 0.2 },
        new BlendOptions
        {
            Members = [new BlendMember { Model = "bias" }, new BlendMember { Model = "bpmf", Options = JsonDocument.Parse("""{"factors":4,"samples":5}""").RootElement.Clone() }],
            ValidationShare = 0.25,
            Ridge = 3,
        },
    ];

    [Theory]
    [MemberData(nameof(NonDefaultOptions))]
    public void Options_survive_a_round_trip_through_the_catalog_json_options(object options)
    {
        var json = JsonSerializer.Serialize(options, options.GetType(), ModelCatalog.JsonOptions);

        Assert.Equal(options, JsonSerializer.Deserialize(json, options.GetType(), ModelCatalog.JsonOptions));
    }

    [Theory]
    [MemberData(nameof(NonDefaultOptions))]
    public void Options_survive_a_round_trip_through_plain_System_Text_Json(object options)
    {
        var json = JsonSerializer.Serialize(options, options.GetType());

        Assert.Equal(options, JsonSerializer.Deserialize(json, options.GetType()));
    }

    [Theory]
    [InlineData("biased-mf", typeof(BiasedMf))]
    [InlineData("svd", typeof(BiasedMf))]
    [InlineData("svd++", typeof(SvdPlusPlus))]
    [InlineData("svdpp", typeof(SvdPlusPlus))]
    [InlineData("bpmf", typeof(BayesianMf))]
    [InlineData("blend", typeof(Blend))]
    public void The_catalog_creates_each_model_with_its_defaults(string name, Type type)
    {
        var model = ModelCatalog.Default.Create(name);

        Assert.IsType(type, model);
        Assert.IsAssignableFrom<IRatingPredictor>(model);
        Assert.IsAssignableFrom<IFoldIn>(model);
        Assert.Equal(ModelCatalog.Default.Get(name).Name, model.Name);
    }

    [Fact]
    public void A_blend_is_read_from_nested_json()
    {
        var model = Assert.IsType<Blend>(ModelCatalog.Default.Create("blend", """{"members":[{"model":"svd++","options":{"factors":8}},{"model":"bias"}],"ridge":2}"""));

        Assert.Equal(2, model.Options.Members.Count);
        Assert.Equal(8, model.Options.Members[0].Options!.Value.GetProperty("factors").GetInt32());
        Assert.Null(model.Options.Members[1].Options);
        Assert.Equal(2, model.Options.Ridge);
    }

    [Fact]
    public void An_out_of_range_value_in_json_is_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => JsonSerializer.Deserialize<BayesianMfOptions>("""{"samples":0}""", ModelCatalog.JsonOptions));

        Assert.Equal(nameof(BayesianMfOptions.Samples), error.ParamName);
    }
}
