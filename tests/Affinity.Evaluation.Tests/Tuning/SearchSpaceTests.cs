using System.Text.Json;
using Affinity.Evaluation.Tuning;
using Affinity.Models;
using Affinity.Models.Baselines;

namespace Affinity.Evaluation.Tests.Tuning;

public sealed class SearchSpaceTests
{
    private static SearchSpace BindToBias(string text) => SearchSpace.Parse(text).Bind(typeof(BiasBaselineOptions), ModelCatalog.JsonOptions);

    [Fact]
    public void Parses_int_float_and_choice_parameters_with_their_scales()
    {
        var space = SearchSpace.Parse(" factors = int:16..256:log ; regularization=float:0.001..0.3:LOG;alpha=float:1..80; solver=choice:Cholesky, ConjugateGradient;");

        Assert.Equal(4, space.Parameters.Count);
        var factors = Assert.IsType<NumericParameter>(space.Parameters[0]);
        Assert.Equal(("factors", 16.0, 256.0, true, true), (factors.Name, factors.Min, factors.Max, factors.IsInteger, factors.IsLog));
        var regularization = Assert.IsType<NumericParameter>(space.Parameters[1]);
        Assert.Equal((0.001, 0.3, false, true), (regularization.Min, regularization.Max, regularization.IsInteger, regularization.IsLog));
        var alpha = Assert.IsType<NumericParameter>(space.Parameters[2]);
        Assert.False(alpha.IsLog);
        var solver = Assert.IsType<ChoiceParameter>(space.Parameters[3]);
        Assert.Equal(["Cholesky", "ConjugateGradient"], solver.Labels);
    }

    [Fact]
    public void Text_form_reads_back_to_the_same_space()
    {
        var space = SearchSpace.Parse("factors=int:16..256:log;reg=float:-1.5..0.25;solver=choice:A,B");

        Assert.Equal("factors=int:16..256:log;reg=float:-1.5..0.25;solver=choice:A,B", space.ToString());
        Assert.Equal(space.ToString(), SearchSpace.Parse(space.ToString()).ToString());
    }

    [Fact]
    public void Int_log_ranges_widen_by_half_a_step_before_the_logarithm()
    {
        // int:1..1000:log searches z in [ln 0.5, ln 1000.5]; float:0.5..2 searches [0.5, 2] as is.
        var space = SearchSpace.Parse("a=int:1..1000:log;b=float:0.5..2");
        var a = (NumericParameter)space.Parameters[0];
        var b = (NumericParameter)space.Parameters[1];

        Assert.Equal((Math.Log(0.5), Math.Log(1000.5)), (a.Low, a.High));
        Assert.Equal((0.5, 2.0), (b.Low, b.High));
        Assert.Equal(1000, a.FromInternal(a.High + 1));
        Assert.Equal(1, a.FromInternal(Math.Log(1.49)));
        Assert.Equal(2, a.FromInternal(Math.Log(1.51)));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" ; ", "empty")]
    [InlineData("factors", "'factors': expected name=kind:values")]
    [InlineData("=int:1..2", "'' is not an option name")]
    [InlineData("fac tors=int:1..2", "'fac tors' is not an option name")]
    [InlineData("alpha=flot:1..80", "unknown kind 'flot'")]
    [InlineData("alpha=float", "expected a range LO..HI")]
    [InlineData("alpha=float:1-80", "expected a range LO..HI")]
    [InlineData("alpha=float:1..x", "'x' is not a finite number")]
    [InlineData("alpha=float:1..NaN", "'NaN' is not a finite number")]
    [InlineData("factors=int:1.5..8", "'1.5' is not a whole number")]
    [InlineData("alpha=float:80..1", "lower bound below the upper")]
    [InlineData("alpha=float:1..1", "lower bound below the upper")]
    [InlineData("alpha=float:0..1:log", "must be above zero")]
    [InlineData("alpha=float:1..2:lg", "unknown scale 'lg'")]
    [InlineData("solver=choice:", "blank value")]
    [InlineData("solver=choice:A,,B", "blank value")]
    [InlineData("solver=choice:A,A", "lists 'A' twice")]
    [InlineData("a=int:1..2;A=int:1..3", "'A' is named twice")]
    public void Bad_specs_are_format_errors_that_quote_the_bad_part_and_say_why(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SearchSpace.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        if (text.Trim(' ', ';').Length > 0)
        {
            Assert.Contains("Search space part '", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Binding_takes_the_canonical_json_names_of_the_options_record()
    {
        var space = BindToBias("ALSUSERREG=float:1..100:log;solver=choice:als,Sgd;alsEpochs=int:1..20");

        Assert.Equal(["alsUserReg", "solver", "alsEpochs"], space.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void An_unknown_option_is_an_error_that_lists_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => BindToBias("userReg=float:1..10"));

        Assert.Contains("'userReg', which is not an option of BiasBaselineOptions", error.Message, StringComparison.Ordinal);
        Assert.Contains("solver, alsEpochs, alsUserReg, alsItemReg, sgdEpochs, sgdLearningRate, sgdReg", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alsEpochs=float:1..20", "takes whole numbers (Int32); write alsEpochs=int:LO..HI")]
    [InlineData("solver=float:1..2", "is a BiasSolver, not a number")]
    [InlineData("solver=choice:Als,Newton", "'solver' does not accept Newton")]
    [InlineData("alsUserReg=float:-5..5", "'alsUserReg' does not accept -5")]
    [InlineData("alsEpochs=int:0..10", "'alsEpochs' does not accept 0")]
    [InlineData("alsUserReg=choice:1,many", "'alsUserReg' does not accept many")]
    public void Values_the_options_record_rejects_are_errors_before_any_trial(string text, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => BindToBias(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_json_sets_each_value_with_the_type_the_record_reads_over_the_base_options()
    {
        var space = BindToBias("alsEpochs=int:1..20;alsUserReg=float:1..100:log;solver=choice:Als,Sgd");

        var json = space.ToOptionsJson([7, 12.5, 1], """{"AlsUserReg": 3, "sgdReg": 0.5}""");

        Assert.Equal("""{"sgdReg":0.5,"alsEpochs":7,"alsUserReg":12.5,"solver":"Sgd"}""", json);
        var options = JsonSerializer.Deserialize<BiasBaselineOptions>(json, ModelCatalog.JsonOptions)!;
        Assert.Equal((7, 12.5, BiasSolver.Sgd, 0.5), (options.AlsEpochs, options.AlsUserReg, options.Solver, options.SgdReg));
        Assert.Equal("alsEpochs=7, alsUserReg=12.5, solver=Sgd", space.Describe([7, 12.5, 1]));
    }

    [Fact]
    public void Unbound_choices_write_numbers_and_booleans_as_json_literals()
    {
        var space = SearchSpace.Parse("a=choice:10,1e3,x;b=choice:true,false");

        Assert.Equal("""{"a":1000,"b":true}""", space.ToOptionsJson([1, 0]));
        Assert.Equal("""{"a":"x","b":false}""", space.ToOptionsJson([2, 1]));
    }

    [Fact]
    public void A_point_of_the_wrong_length_or_a_base_that_is_not_an_object_is_rejected()
    {
        var space = SearchSpace.Parse("a=float:0..1");

        Assert.Throws<ArgumentException>(() => space.ToOptionsJson([0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => space.ToOptionsJson([0.5], "[1]"));
        Assert.Throws<ArgumentException>(() => space.ToOptionsJson([0.5], "{not json"));
    }
}
