using System.Text.Json;
using Affinity.Models.Linear;

namespace Affinity.Models.Tests.Linear;

public sealed class LinearOptionsJsonTests
{
    public static TheoryData<object> NonDefaultOptions() =>
    [
        new EaseOptions(),
        new EaseOptions { Lambda = 123.5, Binarize = false },
        new Rp3BetaOptions(),
        new Rp3BetaOptions { Alpha = 0.75, Beta = 0.3, Neighbors = 250, NormalizeRows = false, Binarize = false },
    ];

    [Theory]
    [MemberData(nameof(NonDefaultOptions))]
    public void Options_survive_a_round_trip_through_the_catalog_json_options(object options)
    {
        var json = JsonSerializer.Serialize(options, options.GetType(), ModelCatalog.JsonOptions);

        Assert.Equal(options, JsonSerializer.Deserialize(json, options.GetType(), ModelCatalog.JsonOptions));
    }

    [Fact]
    public void The_catalog_creates_both_models_from_json()
    {
        var ease = Assert.IsType<Ease>(ModelCatalog.Default.Create("ease", """{"lambda":42}"""));
        var rp3 = Assert.IsType<Rp3Beta>(ModelCatalog.Default.Create("rp3b", """{"neighbors":7,"beta":0.2}"""));

        Assert.Equal(new EaseOptions { Lambda = 42 }, ease.Options);
        Assert.Equal(new Rp3BetaOptions { Neighbors = 7, Beta = 0.2 }, rp3.Options);
        Assert.Equal("""{"lambda":500,"binarize":true}""", JsonSerializer.Serialize(new EaseOptions(), ModelCatalog.JsonOptions));
    }

    [Theory]
    [InlineData("ease", """{"lambda":-5}""", nameof(EaseOptions.Lambda))]
    [InlineData("rp3beta", """{"alpha":0}""", nameof(Rp3BetaOptions.Alpha))]
    [InlineData("rp3beta", """{"neighbors":-1}""", nameof(Rp3BetaOptions.Neighbors))]
    public void An_out_of_range_value_in_json_names_the_option(string model, string json, string option)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ModelCatalog.Default.Create(model, json));

        Assert.Equal(option, error.ParamName);
    }
}
