using System.Text.Json;

namespace Affinity.Models.Factorization.Rating;

/// <summary>One member of a <see cref="Blend"/>: a registered model name and its options (null means its defaults).</summary>
public sealed record BlendMember
{
    /// <summary>The model's name or alias in <see cref="ModelCatalog.Default"/> ("bpmf"); it must predict ratings.</summary>
    public string Model { get; init => field = string.IsNullOrWhiteSpace(value) ? throw new ArgumentOutOfRangeException(nameof(Model), value, "A blend member needs a model name.") : value; } = "bias";

    /// <summary>The member's options as JSON, as the catalogue reads them; null for the defaults.</summary>
    public JsonElement? Options { get; init; }

    /// <summary>Equal when the names match and the options are the same JSON (compared by value, not by document).</summary>
    public bool Equals(BlendMember? other)
        => other is not null
            && string.Equals(Model, other.Model, StringComparison.Ordinal)
            && (Options is { } a ? other.Options is { } b && JsonElement.DeepEquals(a, b) : other.Options is null);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Model);
}

/// <summary>
/// Options of <see cref="Blend"/>. The default members and share were chosen on a validation cut of
/// ML-100K's u1.base (never a test file). The seed is <see cref="Core.Recommending.FitContext.Seed"/>.
/// </summary>
public sealed record BlendOptions
{
    /// <summary>The models blended, at least one. Defaults: bpmf, svd++ and biased-mf with their defaults.</summary>
    public IReadOnlyList<BlendMember> Members
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Members));
            if (value.Count == 0 || value.Any(m => m is null))
            {
                throw new ArgumentOutOfRangeException(nameof(Members), "A blend needs at least one member, and no null ones.");
            }

            field = [.. value];
        }
    } = [new() { Model = "bpmf" }, new() { Model = "svd++" }, new() { Model = "biased-mf" }];

    /// <summary>The share of each user's training ratings held out to fit the weights; strictly between 0 and 1.</summary>
    public double ValidationShare
    {
        get;
        init => field = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(ValidationShare), value, "The validation share must lie strictly between 0 and 1.");
    } = 0.1;

    /// <summary>Ridge penalty on the member weights (not the intercept) in the least-squares fit; at least 0.</summary>
    public double Ridge { get; init => field = OptionGuard.NonNegative(value, nameof(Ridge)); } = 1;

    /// <summary>Equal when every option is equal, members compared in order.</summary>
    public bool Equals(BlendOptions? other)
        => other is not null
            && Members.SequenceEqual(other.Members)
            && ValidationShare.Equals(other.ValidationShare)
            && Ridge.Equals(other.Ridge);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Members.Count, ValidationShare, Ridge);
}
