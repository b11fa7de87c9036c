namespace Affinity.Core.Features;

/// <summary>What a column of a <see cref="FeatureMatrix"/> stands for, read from the form of its name.</summary>
public enum FeatureKind
{
    /// <summary>One value of a categorical or multi-valued field, named <c>field=value</c> ("genres=Sci-Fi", "occupation=writer").</summary>
    Value,

    /// <summary>One word of a free-text field, named <c>field:token</c> ("title:star").</summary>
    Word,

    /// <summary>A numeric field, named by the field alone ("year").</summary>
    Numeric,
}
