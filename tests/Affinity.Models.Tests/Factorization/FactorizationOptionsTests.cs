using System.Text.Json;
using Affinity.Models.Factorization;

namespace Affinity.Models.Tests.Factorization;

public sealed class FactorizationOptionsTests
{
    public static TheoryData<object> NonDefaultOptions() =>
    [
        new ImplicitAlsOptions
        {
            Factors = 12, Regularization = 0.25, Alpha = 40, Scaling = ConfidenceScaling.Log, Epsilon = 1e-3, Iterations = 4,
            Solver = AlsSolver.Cholesky, CgSteps = 7, InitStd = 0.5, Seed = -3, CalculateLoss = true,
        },
        new BprOptions { Factors = 3, LearningRate = 0.2, Regularization = 1e-4, Epochs = 2, VerifyNegatives = false, Deterministic = true, Seed = 11 },
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

    [Fact]
    public void The_als_defaults_are_the_validated_ones()
    {
        var o = new ImplicitAlsOptions();

        Assert.Equal((64, 60.0, 3.0, ConfidenceScaling.Linear, 1.0), (o.Factors, o.Regularization, o.Alpha, o.Scaling, o.Epsilon));
        Assert.Equal((15, AlsSolver.ConjugateGradient, 3, 0.01, (int?)null, false), (o.Iterations, o.Solver, o.CgSteps, o.InitStd, o.Seed, o.CalculateLoss));
    }

    [Fact]
    public void The_bpr_defaults_are_cornacs_benchmark_settings()
    {
        var o = new BprOptions();

        Assert.Equal((200, 0.01, 0.001, 200, true, false, (int?)null), (o.Factors, o.LearningRate, o.Regularization, o.Epochs, o.VerifyNegatives, o.Deterministic, o.Seed));
    }

    [Theory]
    [InlineData("als", typeof(ImplicitAls))]
    [InlineData("implicit-als", typeof(ImplicitAls))]
    [InlineData("WRMF", typeof(ImplicitAls))]
    [InlineData("bpr", typeof(Bpr))]
    [InlineData("bprmf", typeof(Bpr))]
    public void The_catalog_creates_the_models_by_name_and_alias(string name, Type type)
    {
        Assert.IsType(type, ModelCatalog.Default.Create(name));
    }

    [Fact]
    public void Json_options_reach_the_model_and_enums_read_by_name()
    {
        var model = Assert.IsType<ImplicitAls>(ModelCatalog.Default.Create("als", """{"factors":16,"solver":"cholesky","scaling":"Log"}"""));

        Assert.Equal(new ImplicitAlsOptions { Factors = 16, Solver = AlsSolver.Cholesky, Scaling = ConfidenceScaling.Log }, model.Options);
    }

    [Fact]
    public void An_out_of_range_value_in_json_is_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ModelCatalog.Default.Create("bpr", """{"learningRate":-1}"""));

        Assert.Equal(nameof(BprOptions.LearningRate), error.ParamName);
    }
}
