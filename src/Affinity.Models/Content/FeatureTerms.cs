using Affinity.Core.Recommending;

namespace Affinity.Models.Content;

/// <summary>The per-feature terms of a score and the reasons they make, for the feature models' explanations.</summary>
internal static class FeatureTerms
{
    /// <summary>The terms a[f] · b[f] · scale over the features two sorted sparse rows share.</summary>
    public static List<(int Feature, float Weight)> Products(ReadOnlySpan<int> aFeatures, ReadOnlySpan<float> aValues, ReadOnlySpan<int> bFeatures, ReadOnlySpan<float> bValues, float scale)
    {
        var terms = new List<(int, float)>();
        int a = 0, b = 0;
        while (a < aFeatures.Length && b < bFeatures.Length)
        {
            if (aFeatures[a] < bFeatures[b])
            {
                a++;
            }
            else if (aFeatures[a] > bFeatures[b])
            {
                b++;
            }
            else
            {
                terms.Add((aFeatures[a], aValues[a] * bValues[b] * scale));
                a++;
                b++;
            }
        }

        return terms;
    }

    /// <summary>
    /// The positive terms as <see cref="ReasonKind.Feature"/> reasons, largest first (ties by feature
    /// index), at most <paramref name="maxReasons"/>; a feature beyond <paramref name="names"/> (an
    /// identity feature) is not a reason.
    /// </summary>
    public static List<Reason> Strongest(List<(int Feature, float Weight)> terms, IReadOnlyList<string> names, int maxReasons)
    {
        var positive = new List<(int Feature, float Weight)>();
        foreach (var term in terms)
        {
            if (term.Weight > 0 && (uint)term.Feature < (uint)names.Count)
            {
                positive.Add(term);
            }
        }

        positive.Sort((x, y) => x.Weight != y.Weight ? y.Weight.CompareTo(x.Weight) : x.Feature.CompareTo(y.Feature));
        var reasons = new List<Reason>(Math.Min(maxReasons, positive.Count));
        for (var n = 0; n < positive.Count && n < maxReasons; n++)
        {
            reasons.Add(new Reason(ReasonKind.Feature, positive[n].Weight, Feature: names[positive[n].Feature]));
        }

        return reasons;
    }
}
