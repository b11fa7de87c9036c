using Affinity.Core.Recommending;
using Affinity.Models.Tests.Support;
using Affinity.Testing;

namespace Affinity.Models.Tests.Factorization.Rating;

/// <summary>The "every hyperparameter changes the output" check (Surprise <c>test_SVD_parameters</c>).</summary>
internal static class OptionEffects
{
    /// <summary>Fits the baseline options and the patched ones on TinyData and asserts some prediction differs.</summary>
    public static void AssertChangesPredictions<TOptions>(TOptions baseline, string patch, Func<TOptions, IRatingPredictor> create)
    {
        var changed = OptionsJson.Merge(baseline, patch);
        Assert.NotEqual(baseline, changed);
        var reference = create(baseline);
        var variant = create(changed);
        reference.Fit(TinyData.Ratings(), FitContext.Default);
        variant.Fit(TinyData.Ratings(), FitContext.Default);

        var differences = 0;
        for (var u = 0; u < 4; u++)
        {
            for (var i = 0; i < 5; i++)
            {
                differences += reference.Predict(u, i) == variant.Predict(u, i) ? 0 : 1;
            }
        }

        Assert.True(differences > 0, $"{patch} left every prediction unchanged.");
    }
}
