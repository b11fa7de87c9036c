using System.Numerics.Tensors;
using Affinity.Models.Factorization;

namespace Affinity.Models.Hybrid;

/// <summary>
/// The fold-in of <see cref="LightFm"/>: a history the model was not trained on gets a free user
/// vector (the role of a new identity feature) trained by the model's own loss and learning schedule
/// against the fixed item representations, as many epochs as training, each of as many samples as the
/// history has items. The generator has a fixed seed, so a history always gets the same vector.
/// </summary>
internal static class LightFmFoldIn
{
    private const int FoldInSeed = 20_150_731;

    /// <summary>Writes the user vector of <paramref name="history"/> (sorted, distinct, in range) into <paramref name="vector"/>.</summary>
    public static void Fold(LightFmOptions options, FactorMatrix items, ReadOnlySpan<float> biases, ReadOnlySpan<int> popular, ReadOnlySpan<int> history, Span<float> vector)
    {
        vector.Clear();
        if (history.IsEmpty || history.Length >= items.Rows)
        {
            return; // The items' biases alone rank an empty history; a full one has nothing left to rank.
        }

        var k = vector.Length;
        var random = new Random(FoldInSeed);
        for (var c = 0; c < k; c++)
        {
            vector[c] = (float)((random.NextDouble() - 0.5) / k);
        }

        var adadelta = options.LearningSchedule == LightFmSchedule.Adadelta;
        var squares = new float[k];
        var steps = new float[k];
        if (!adadelta)
        {
            Array.Fill(squares, 1f);
        }

        var difference = new float[k];
        var samples = options.Epochs * history.Length;
        for (var s = 0; s < samples; s++)
        {
            var positive = history[random.Next(history.Length)];
            var positiveScore = biases[positive] + TensorPrimitives.Dot(vector, items.Row(positive));
            var (negative, loss) = options.Loss == LightFmLoss.Warp
                ? Warp(options, items, biases, history, vector, positiveScore, random)
                : Bpr(items, biases, popular, history, vector, positiveScore, random);
            if (negative < 0)
            {
                continue;
            }

            TensorPrimitives.Subtract(items.Row(negative), items.Row(positive), difference);
            for (var c = 0; c < k; c++)
            {
                var g = loss * difference[c];
                if (adadelta)
                {
                    var rho = (float)options.Rho;
                    var epsilon = (float)options.Epsilon;
                    squares[c] = (rho * squares[c]) + ((1 - rho) * g * g);
                    var update = MathF.Sqrt(steps[c] + epsilon) / MathF.Sqrt(squares[c] + epsilon) * g;
                    steps[c] = (rho * steps[c]) + ((1 - rho) * update * update);
                    vector[c] -= update;
                }
                else
                {
                    vector[c] -= (float)options.LearningRate / MathF.Sqrt(squares[c]) * g;
                    squares[c] += g * g;
                }
            }
        }
    }

    private static (int, float) Warp(LightFmOptions options, FactorMatrix items, ReadOnlySpan<float> biases, ReadOnlySpan<int> history, ReadOnlySpan<float> vector, float positiveScore, Random random)
    {
        var sampled = 0;
        while (sampled < options.MaxSampled)
        {
            var negative = random.Next(items.Rows);
            if (history.BinarySearch(negative) >= 0)
            {
                continue;
            }

            sampled++;
            if (biases[negative] + TensorPrimitives.Dot(vector, items.Row(negative)) > positiveScore - 1)
            {
                return (negative, (float)Math.Min(Math.Log(Math.Max(1.0, Math.Floor((items.Rows - 1.0) / sampled))), 10.0));
            }
        }

        return (-1, 0);
    }

    private static (int, float) Bpr(FactorMatrix items, ReadOnlySpan<float> biases, ReadOnlySpan<int> popular, ReadOnlySpan<int> history, ReadOnlySpan<float> vector, float positiveScore, Random random)
    {
        if (popular.IsEmpty)
        {
            return (-1, 0);
        }

        var negative = popular[random.Next(popular.Length)];
        for (var attempt = 1; attempt < popular.Length && history.BinarySearch(negative) >= 0; attempt++)
        {
            negative = popular[random.Next(popular.Length)];
        }

        if (history.BinarySearch(negative) >= 0)
        {
            return (-1, 0);
        }

        var negativeScore = biases[negative] + TensorPrimitives.Dot(vector, items.Row(negative));
        return (negative, 1 - (1 / (1 + MathF.Exp(-(positiveScore - negativeScore)))));
    }
}
