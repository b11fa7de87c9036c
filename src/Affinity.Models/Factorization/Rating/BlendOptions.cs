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
/// Options of <see cref="Blend"/>. The default members were chosen on a validation cut of ML-100K's
/// u1.base (a per-user random 20% of the training file, never a test file), blending with weights
/// cross-fitted on halves of that cut: bpmf alone 0.8917; with svd++ and biased-mf 0.8899; bpmf,
/// bpmf with 20 factors and svd++ 0.8882 (biased-mf and plain BPMF then took weights near zero).
/// The seed is <see cref="Core.Recommending.FitContext.Seed"/>.
/// </summary>
public sealed record BlendOptions
{
    /// <summary>The models blended, at least one. Defaults: bpmf, bpmf with 20 factors, and svd++.</summary>
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
    } = [new() { Model = "bpmf" }, new() { Model = "bpmf", Options = Json("""{"factors":20}""") }, new() { Model = "svd++" }];

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

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
