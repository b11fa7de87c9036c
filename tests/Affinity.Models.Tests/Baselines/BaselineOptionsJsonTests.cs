using System.Text.Json;
using Affinity.Models.Baselines;

namespace Affinity.Models.Tests.Baselines;

public sealed class BaselineOptionsJsonTests
{
    public static TheoryData<object> NonDefaultOptions() =>
    [
        new GlobalMeanOptions(),
        new RandomOptions(),
        new BiasBaselineOptions { Solver = BiasSolver.Sgd, AlsEpochs = 3, AlsUserReg = 0.5, AlsItemReg = 2.25, SgdEpochs = 7, SgdLearningRate = 0.01, SgdReg = 0.1 },
        new PopularityOptions { Weighting = PopularityWeighting.TimeDecayed, HalfLifeDays = 7.5, Reference = DecayReference.Now },
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
    public void Enums_are_written_as_names()
    {
        var json = JsonSerializer.Serialize(new PopularityOptions(), ModelCatalog.JsonOptions);

        Assert.Equal("""{"weighting":"Count","halfLifeDays":30,"reference":"LatestInteraction"}""", json);
    }

    [Fact]
    public void Missing_properties_keep_their_defaults()
    {
        var options = JsonSerializer.Deserialize<BiasBaselineOptions>("""{"alsEpochs":4}""", ModelCatalog.JsonOptions)!;

        Assert.Equal(new BiasBaselineOptions { AlsEpochs = 4 }, options);
    }

    [Fact]
    public void An_out_of_range_value_in_json_is_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => JsonSerializer.Deserialize<BiasBaselineOptions>("""{"sgdLearningRate":-1}""", ModelCatalog.JsonOptions));

        Assert.Equal(nameof(BiasBaselineOptions.SgdLearningRate), error.ParamName);
    }
}
