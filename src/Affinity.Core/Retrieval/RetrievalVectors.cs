using System.Numerics.Tensors;

namespace Affinity.Core.Retrieval;

/// <summary>Checks and prepares item vectors for the retrievers.</summary>
internal static class RetrievalVectors
{
    /// <summary>Throws unless <paramref name="items"/> holds whole rows of <paramref name="dimensions"/> values; returns the row count.</summary>
    public static int RowCount(ReadOnlySpan<float> items, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (items.Length % dimensions != 0)
        {
            throw new ArgumentException($"The item vectors hold {items.Length} values, not a whole number of rows of {dimensions}.", nameof(items));
        }

        return items.Length / dimensions;
    }

    /// <summary>A copy of every row scaled to unit length; a zero row stays zero.</summary>
    public static float[] Normalized(ReadOnlySpan<float> items, int dimensions)
    {
        var result = new float[items.Length];
        for (var start = 0; start < items.Length; start += dimensions)
        {
            NormalizeInto(items.Slice(start, dimensions), result.AsSpan(start, dimensions));
        }

        return result;
    }

    /// <summary>
    /// The reduction of maximum inner product search to nearest-neighbour search (Bachrach et al.,
    /// "Speeding up the Xbox recommender system using a Euclidean transformation for inner-product
    /// spaces", RecSys 2014): each row y becomes [y, sqrt(Φ² − ‖y‖²)] with Φ the largest row norm,
    /// so every row has the norm Φ. A query q becomes [q, 0]; then ‖q' − y'‖² = ‖q‖² + Φ² − 2 q·y,
    /// so the Euclidean order, the cosine order and the inner-product order of the rows all agree
    /// with the order of q·y. Rows are <paramref name="dimensions"/> + 1 long.
    /// </summary>
    public static float[] Augmented(ReadOnlySpan<float> items, int dimensions)
    {
        var rows = items.Length / dimensions;
        var stride = dimensions + 1;
        var result = new float[checked(rows * stride)];
        var squaredNorms = new double[rows];
        var maxSquared = 0.0;
        for (var r = 0; r < rows; r++)
        {
            var row = items.Slice(r * dimensions, dimensions);
            row.CopyTo(result.AsSpan(r * stride, dimensions));
            var norm = (double)TensorPrimitives.Norm(row);
            squaredNorms[r] = norm * norm;
            maxSquared = Math.Max(maxSquared, squaredNorms[r]);
        }

        for (var r = 0; r < rows; r++)
        {
            // Rounding can leave the longest row a hair above Φ²; its extra coordinate is 0.
            result[(r * stride) + dimensions] = (float)Math.Sqrt(Math.Max(0.0, maxSquared - squaredNorms[r]));
        }

        return result;
    }

    /// <summary>Writes <paramref name="vector"/> / ‖<paramref name="vector"/>‖, or zeros for a zero vector.</summary>
    public static void NormalizeInto(ReadOnlySpan<float> vector, Span<float> destination)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0 && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(vector, norm, destination);
        }
        else
        {
            destination[..vector.Length].Clear();
        }
    }

    /// <summary>Throws unless the query and output spans fit a retriever of <paramref name="dimensions"/>.</summary>
    public static void CheckSearch(ReadOnlySpan<float> query, int dimensions, Span<int> ids, Span<float> scores)
    {
        if (query.Length != dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} values; the items have {dimensions}.", nameof(query));
        }

        if (ids.Length != scores.Length)
        {
            throw new ArgumentException("The output spans must have the same length.", nameof(scores));
        }
    }
}
