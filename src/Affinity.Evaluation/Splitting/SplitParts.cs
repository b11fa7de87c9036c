using Affinity.Core.Data;

namespace Affinity.Evaluation.Splitting;

/// <summary>
/// Turns a per-interaction part assignment into a <see cref="DataSplit"/>. Every part is built with
/// <see cref="Dataset.Subset"/>, so all parts share the source's id maps and attribute tables, and
/// each part keeps its interactions in input order (so a later splitter that breaks ties by input
/// order sees the same order).
/// </summary>
internal static class SplitParts
{
    /// <summary>The interaction goes to the training part.</summary>
    public const sbyte Train = 0;

    /// <summary>The interaction goes to the test part.</summary>
    public const sbyte Test = 1;

    /// <summary>The interaction goes to the validation part.</summary>
    public const sbyte Validation = 2;

    /// <summary>The interaction is in no part (filtered out before splitting).</summary>
    public const sbyte Dropped = -1;

    /// <summary>Builds the split; <paramref name="withValidation"/> decides whether the split has a validation part at all.</summary>
    public static DataSplit Build(Dataset data, ReadOnlySpan<sbyte> partOf, string splitName, bool withValidation)
    {
        Span<int> counts = stackalloc int[3];
        for (var i = 0; i < partOf.Length; i++)
        {
            if (partOf[i] >= 0)
            {
                counts[partOf[i]]++;
            }
        }

        var train = new int[counts[Train]];
        var test = new int[counts[Test]];
        var validation = new int[counts[Validation]];
        if (!withValidation && validation.Length > 0)
        {
            throw new InvalidOperationException("A split without a validation part assigned interactions to validation.");
        }

        int nTrain = 0, nTest = 0, nValidation = 0;
        for (var i = 0; i < partOf.Length; i++)
        {
            switch (partOf[i])
            {
                case Train:
                    train[nTrain++] = i;
                    break;
                case Test:
                    test[nTest++] = i;
                    break;
                case Validation:
                    validation[nValidation++] = i;
                    break;
                default:
                    break;
            }
        }

        return new DataSplit(
            splitName,
            data.Subset(train, $"{data.Name} {splitName} train"),
            data.Subset(test, $"{data.Name} {splitName} test"),
            withValidation ? data.Subset(validation, $"{data.Name} {splitName} validation") : null);
    }
}
