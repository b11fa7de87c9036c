using Affinity.Core.Data;
using Affinity.Core.Loading;

namespace Affinity.Core.Tests.Loading;

public sealed class ColumnMappingTests
{
    [Fact]
    public void Strings_are_names_and_ints_are_positions()
    {
        var named = new ColumnMapping("customer", "product", value: "qty");
        Assert.Equal(("customer", -1), (named.User.Name, named.User.Position));
        var positional = new ColumnMapping(0, 2, hasHeader: false, delimiter: "\t");
        Assert.Equal((null, 2), (positional.Item.Name, positional.Item.Position));
        Assert.Equal("#3", positional.Item.ToString());
        Assert.Null(positional.Value);
    }

    [Fact]
    public void Defaults_are_a_headed_csv_of_implicit_events_that_fail_on_missing_data()
    {
        var mapping = new ColumnMapping("u", "i");
        Assert.Equal((true, ",", true), (mapping.HasHeader, mapping.Delimiter, mapping.Quoting));
        Assert.Equal((FeedbackKind.Implicit, MissingValuePolicy.Error, TimestampFormat.UnixSeconds), (mapping.FeedbackKind, mapping.MissingValue, mapping.TimestampFormat));
    }

    [Fact]
    public void Named_columns_without_a_header_are_refused_naming_the_role()
    {
        var e = Assert.Throws<ArgumentException>(() => new ColumnMapping(0, "movie", hasHeader: false));
        Assert.Contains("item column is named 'movie'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_roles_on_one_column_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ColumnMapping("u", "i", value: "i"));
        Assert.Contains("item and the value both read column i", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ColumnMapping(0, 1, timestamp: 0, hasHeader: false));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"")]
    [InlineData("\n")]
    public void Unusable_delimiters_are_refused(string delimiter)
        => Assert.ThrowsAny<ArgumentException>(() => new ColumnMapping("u", "i", delimiter: delimiter));

    [Fact]
    public void A_default_value_must_be_finite_and_on_the_scale()
    {
        Assert.Throws<ArgumentException>(() => new ColumnMapping("u", "i", value: "v", missingValue: MissingValuePolicy.UseDefault, defaultValue: float.NaN));
        var e = Assert.Throws<ArgumentException>(() => new ColumnMapping("u", "i", value: "v", missingValue: MissingValuePolicy.UseDefault, defaultValue: 0f, scale: RatingScale.WholeStars));
        Assert.Contains("off the declared scale", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_enum_values_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new ColumnMapping("u", "i", missingValue: (MissingValuePolicy)7));
        Assert.Throws<ArgumentException>(() => new ColumnMapping("u", "i", timestampFormat: (TimestampFormat)7));
        Assert.Throws<ArgumentException>(() => new ColumnMapping("u", "i", feedbackKind: (FeedbackKind)7));
    }

    [Fact]
    public void Column_references_refuse_negative_positions_and_empty_names()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ColumnRef.At(-1));
        Assert.ThrowsAny<ArgumentException>(() => ColumnRef.Named(""));
    }

    [Fact]
    public void Mappings_compare_by_value()
        => Assert.Equal(new ColumnMapping("u", "i", value: "v"), new ColumnMapping("u", "i", value: "v"));
}

public sealed class RatingScaleTests
{
    [Theory]
    [InlineData(1f, true)]
    [InlineData(5f, true)]
    [InlineData(3f, true)]
    [InlineData(0f, false)]
    [InlineData(5.5f, false)]
    [InlineData(2.5f, false)]
    public void Whole_stars_are_one_to_five_in_steps_of_one(float value, bool expected)
        => Assert.Equal(expected, RatingScale.WholeStars.Contains(value));

    [Theory]
    [InlineData(0.5f, true)]
    [InlineData(3.5f, true)]
    [InlineData(0f, false)]
    [InlineData(3.3f, false)]
    public void Half_stars_are_a_half_to_five_in_steps_of_a_half(float value, bool expected)
        => Assert.Equal(expected, RatingScale.HalfStars.Contains(value));

    [Fact]
    public void A_continuous_scale_takes_anything_between_its_bounds()
    {
        var scale = new RatingScale(-1f, 1f);
        Assert.True(scale.Contains(0.123f));
        Assert.False(scale.Contains(1.01f));
    }

    [Fact]
    public void Invalid_scales_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RatingScale(5f, 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RatingScale(1f, 5f, -1f));
        Assert.Throws<ArgumentException>(() => new RatingScale(1f, 5f, 3f));
        Assert.Throws<ArgumentException>(() => new RatingScale(float.NaN, 5f));
    }
}
