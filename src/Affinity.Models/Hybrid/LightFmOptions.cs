using System.Text.Json.Serialization;
using Affinity.Core.Recommending;

namespace Affinity.Models.Hybrid;

/// <summary>The ranking loss <see cref="LightFm"/> trains with.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LightFmLoss>))]
public enum LightFmLoss
{
    /// <summary>Weighted approximate-rank pairwise loss (Weston, Bengio and Usunier, "WSABIE", IJCAI 2011): the top of the list first.</summary>
    Warp,

    /// <summary>Bayesian personalised ranking (Rendle et al., UAI 2009): the area under the ROC curve.</summary>
    Bpr,
}

/// <summary>How <see cref="LightFm"/> adapts each parameter's step.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LightFmSchedule>))]
public enum LightFmSchedule
{
    /// <summary>Adagrad (Duchi, Hazan and Singer 2011): the rate divided by the root of the summed squared gradients.</summary>
    Adagrad,

    /// <summary>Adadelta (Zeiler 2012): running averages of squared gradients and steps, decay <see cref="LightFmOptions.Rho"/>.</summary>
    Adadelta,
}

/// <summary>Options of <see cref="LightFm"/>; lightfm's names in parentheses, defaults explained in the remarks of <see cref="LightFm"/>.</summary>
public sealed record LightFmOptions
{
    /// <summary>The dimension of the feature embeddings (no_components); at least 1.</summary>
    public int Components { get; init => field = OptionGuard.Positive(value, nameof(Components)); } = 64;

    /// <summary>The ranking loss (loss).</summary>
    public LightFmLoss Loss { get; init => field = OptionGuard.Defined(value, nameof(Loss)); } = LightFmLoss.Warp;

    /// <summary>The per-parameter learning schedule (learning_schedule).</summary>
    public LightFmSchedule LearningSchedule { get; init => field = OptionGuard.Defined(value, nameof(LearningSchedule)); } = LightFmSchedule.Adagrad;

    /// <summary>Adagrad's initial rate (learning_rate); greater than 0.</summary>
    public double LearningRate { get; init => field = OptionGuard.Positive(value, nameof(LearningRate)); } = 0.05;

    /// <summary>Adadelta's decay of its running averages (rho); between 0 and 1, exclusive.</summary>
    public double Rho
    {
        get;
        init => field = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(Rho), value, "The option 'Rho' must be between 0 and 1, exclusive.");
    } = 0.95;

    /// <summary>Adadelta's conditioning term (epsilon); at least 0.</summary>
    public double Epsilon { get; init => field = OptionGuard.NonNegative(value, nameof(Epsilon)); } = 1e-6;

    /// <summary>The L2 penalty on item feature embeddings and biases (item_alpha); at least 0.</summary>
    public double ItemAlpha { get; init => field = OptionGuard.NonNegative(value, nameof(ItemAlpha)); }

    /// <summary>The L2 penalty on user feature embeddings (user_alpha); at least 0.</summary>
    public double UserAlpha { get; init => field = OptionGuard.NonNegative(value, nameof(UserAlpha)); }

    /// <summary>WARP's most negatives drawn per positive before giving up (max_sampled); at least 1.</summary>
    public int MaxSampled { get; init => field = OptionGuard.Positive(value, nameof(MaxSampled)); } = 10;

    /// <summary>Passes over the training positives (epochs); at least 1.</summary>
    public int Epochs { get; init => field = OptionGuard.Positive(value, nameof(Epochs)); } = 60;

    /// <summary>Whether every user and item also has its own feature, so warm entities keep their own vectors (lightfm's identity features).</summary>
    public bool IdentityFeatures { get; init; } = true;

    /// <summary>Whether the user attributes become user features (age, gender, occupation).</summary>
    public bool UserFeatures { get; init; } = true;

    /// <summary>Whether the item attributes become item features (genres, tags, year).</summary>
    public bool ItemFeatures { get; init; } = true;

    /// <summary>Whether free-text attributes (titles) become word features too.</summary>
    public bool TextFeatures { get; init; } = true;

    /// <summary>
    /// Whether to train on one thread with one generator, so that a seed always gives the same model;
    /// otherwise threads update shared parameters without locks (Hogwild, as lightfm's
    /// num_threads) and results vary slightly from run to run.
    /// </summary>
    public bool Deterministic { get; init; }

    /// <summary>A seed that replaces <see cref="FitContext.Seed"/>; null uses the context's.</summary>
    public int? Seed { get; init; }
}
