using System.Text.Json;
using Affinity.Core.Recommending;
using Affinity.Models.Baselines;

namespace Affinity.Models.Tests;

public sealed class ModelCatalogTests
{
    [Fact]
    public void Lists_the_baselines_in_registration_order()
    {
        Assert.Equal(["global-mean", "bias", "popularity", "random"], ModelCatalog.Default.Names.Take(4));
    }

    [Theory]
    [InlineData("global-mean", typeof(GlobalMean), typeof(GlobalMeanOptions))]
    [InlineData("bias", typeof(BiasBaseline), typeof(BiasBaselineOptions))]
    [InlineData("popularity", typeof(Popularity), typeof(PopularityOptions))]
    [InlineData("random", typeof(RandomRecommender), typeof(RandomOptions))]
    public void Creates_each_model_with_default_options_under_its_own_name(string name, Type modelType, Type optionsType)
    {
        var model = ModelCatalog.Default.Create(name);
        var descriptor = ModelCatalog.Default.Get(name);

        Assert.IsType(modelType, model);
        Assert.Equal(name, model.Name);
        Assert.False(model.IsFitted);
        Assert.Equal(optionsType, descriptor.OptionsType);
        Assert.IsType(optionsType, descriptor.DefaultOptions);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description));
    }

    [Theory]
    [InlineData("BIAS", "bias")]
    [InlineData("baseline", "bias")]
    [InlineData(" pop ", "popularity")]
    [InlineData("mean", "global-mean")]
    public void Accepts_aliases_and_any_case(string alias, string name)
    {
        Assert.Equal(name, ModelCatalog.Default.Create(alias).Name);
    }

    [Fact]
    public void An_unknown_name_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Default.Create("no-such-model"));

        Assert.Contains("no-such-model", error.Message, StringComparison.Ordinal);
        Assert.Contains("global-mean, bias, popularity, random", error.Message, StringComparison.Ordinal);
        Assert.False(ModelCatalog.Default.TryGet("no-such-model", out _));
    }

    [Fact]
    public void Options_come_from_json_text()
    {
        var model = Assert.IsType<BiasBaseline>(ModelCatalog.Default.Create("bias", """{"solver":"sgd","SgdEpochs":3}"""));

        Assert.Equal(new BiasBaselineOptions { Solver = BiasSolver.Sgd, SgdEpochs = 3 }, model.Options);
    }

    [Fact]
    public void Options_come_from_a_json_element()
    {
        using var document = JsonDocument.Parse("""{"weighting":"sum"}""");

        var model = Assert.IsType<Popularity>(ModelCatalog.Default.Create("popularity", document.RootElement));

        Assert.Equal(PopularityWeighting.Sum, model.Options.Weighting);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("null")]
    [InlineData("{}")]
    public void Absent_options_mean_the_defaults(string? json)
    {
        var model = Assert.IsType<BiasBaseline>(ModelCatalog.Default.Create("bias", json));

        Assert.Equal(new BiasBaselineOptions(), model.Options);
    }

    [Theory]
    [InlineData("""{"alsEpoch":3}""")]
    [InlineData("""{"solver":"newton"}""")]
    [InlineData("""{"alsEpochs":"many"}""")]
    [InlineData("""[1, 2]""")]
    [InlineData("""{"alsEpochs":""")]
    public void Json_that_does_not_fit_the_options_is_an_argument_error(string json)
    {
        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Default.Create("bias", json));

        Assert.Contains("'bias'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_of_range_option_names_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ModelCatalog.Default.Create("popularity", """{"halfLifeDays":-2}"""));

        Assert.Equal(nameof(PopularityOptions.HalfLifeDays), error.ParamName);
    }

    [Fact]
    public void Every_registered_default_options_record_survives_a_json_round_trip()
    {
        foreach (var model in ModelCatalog.Default.Models)
        {
            var json = JsonSerializer.Serialize(model.DefaultOptions, model.OptionsType, ModelCatalog.JsonOptions);

            Assert.Equal(model.DefaultOptions, JsonSerializer.Deserialize(json, model.OptionsType, ModelCatalog.JsonOptions));
            using var document = JsonDocument.Parse(json);
            var created = model.Create(document.RootElement);
            Assert.Equal(model.DefaultOptions, created.GetType().GetProperty("Options")!.GetValue(created));
        }
    }

    [Fact]
    public void A_name_registered_twice_is_refused()
    {
        var first = ModelDescriptor.For<RandomOptions>("random", "one", o => new RandomRecommender(o));
        var second = ModelDescriptor.For<RandomOptions>("other", "two", o => new RandomRecommender(o), "RANDOM");

        Assert.Throws<ArgumentException>(() => new ModelCatalog([first, second]));
    }

    [Fact]
    public void Every_model_gets_a_fresh_instance()
    {
        IRecommender a = ModelCatalog.Default.Create("random");

        Assert.NotSame(a, ModelCatalog.Default.Create("random"));
    }
}
