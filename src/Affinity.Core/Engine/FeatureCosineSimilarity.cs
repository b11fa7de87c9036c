using Affinity.Core.Features;

namespace Affinity.Core.Engine;

/// <summary>
/// The cosine of two items' feature rows (a <see cref="FeatureMatrix"/> from
/// <see cref="FeatureEncoder.Encode"/>, TF-IDF tags and words, one-hot categories): the content
/// similarity of scikit-learn's <c>cosine_similarity</c> on the encoder's rows. An item without features
/// is unrelated (0) to everything. Rows are normalised once here; a pair costs one sparse merge.
/// </summary>
public sealed class FeatureCosineSimilarity : IItemSimilarity
{
    private readonly FeatureMatrix _features;
    private readonly float[] _inverseNorms;

    /// <summary>Prepares the similarity over the rows of <paramref name="features"/>.</summary>
    public FeatureCosineSimilarity(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        _features = features;
        _inverseNorms = new float[features.RowCount];
        for (var r = 0; r < _inverseNorms.Length; r++)
        {
            var sum = 0.0;
            foreach (var v in features.Values.RowValues(r))
            {
                sum += (double)v * v;
            }

            _inverseNorms[r] = sum > 0 ? (float)(1 / Math.Sqrt(sum)) : 0f;
        }
    }

    /// <inheritdoc />
    public float Similarity(int first, int second)
    {
        var matrix = _features.Values;
        if (_inverseNorms[first] == 0 || _inverseNorms[second] == 0)
        {
            return 0;
        }

        var a = matrix.RowColumns(first);
        var av = matrix.RowValues(first);
        var b = matrix.RowColumns(second);
        var bv = matrix.RowValues(second);
        var dot = 0.0;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                dot += (double)av[i++] * bv[j++];
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (float)(dot * _inverseNorms[first] * _inverseNorms[second]);
    }
}
