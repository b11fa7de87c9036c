using System.Numerics.Tensors;
using Affinity.Core.Kernels;
using Affinity.Core.Persistence;

namespace Affinity.Models.Factorization;

/// <summary>
/// A dense row-major matrix of latent factors, one row per user or item: the storage every factor
/// model shares. Rows are contiguous, so scoring one user against every item is one pass of
/// <see cref="ProjectionKernels.Multiply"/> over memory read in order.
/// </summary>
public sealed class FactorMatrix
{
    private readonly float[] _values;

    /// <summary>A matrix of zeros.</summary>
    public FactorMatrix(int rows, int factors)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factors);
        Rows = rows;
        Factors = factors;
        _values = new float[checked(rows * factors)];
    }

    private FactorMatrix(int rows, int factors, float[] values)
    {
        Rows = rows;
        Factors = factors;
        _values = values;
    }

    /// <summary>The number of rows (users or items).</summary>
    public int Rows { get; }

    /// <summary>The number of latent factors per row.</summary>
    public int Factors { get; }

    /// <summary>All values, row after row.</summary>
    public Span<float> Values => _values;

    /// <summary>One row's factors.</summary>
    public Span<float> Row(int row) => _values.AsSpan(row * Factors, Factors);

    /// <summary>A matrix with independent normal entries of mean 0 and the given standard deviation, from a seeded generator.</summary>
    public static FactorMatrix Normal(int rows, int factors, double standardDeviation, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var matrix = new FactorMatrix(rows, factors);
        var values = matrix._values;
        for (var i = 0; i < values.Length; i++)
        {
            // Box-Muller: two uniforms give one standard normal draw.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = (float)(standardDeviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }

        return matrix;
    }

    /// <summary>Writes <c>scores[r] = dot(vector, Row(r))</c> for every row.</summary>
    public void DotAll(ReadOnlySpan<float> vector, Span<float> scores)
    {
        if (vector.Length != Factors || scores.Length != Rows)
        {
            throw new ArgumentException($"Expected a vector of {Factors} factors and {Rows} scores.", nameof(scores));
        }

        // One kernel call for the whole pass: a call of TensorPrimitives.Dot per row pays its set-up on
        // every row, and dynamic PGO was seen to specialise that call badly for one model and not another.
        ProjectionKernels.Multiply(_values, vector, scores);
    }

    /// <summary>The Euclidean norm of every row.</summary>
    public float[] RowNorms()
    {
        var norms = new float[Rows];
        for (var r = 0; r < norms.Length; r++)
        {
            norms[r] = TensorPrimitives.Norm(Row(r));
        }

        return norms;
    }

    /// <summary>Writes the matrix as two sections: "<paramref name="name"/>.shape" and "<paramref name="name"/>".</summary>
    public void Save(ModelWriter writer, string name)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(name + ".shape", [Rows, Factors]);
        writer.Write(name, _values);
    }

    /// <summary>Reads a matrix written by <see cref="Save"/>, checking it has <paramref name="rows"/> rows.</summary>
    public static FactorMatrix Load(ModelReader reader, string name, int rows)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var shape = reader.ReadInt32s(name + ".shape");
        var values = reader.ReadSingles(name);
        if (shape.Length != 2 || shape[0] != rows || shape[1] <= 0 || values.Length != (long)shape[0] * shape[1])
        {
            throw reader.Invalid(name, $"expected {rows} rows of factors, found shape [{string.Join(", ", shape)}] with {values.Length} values.");
        }

        return new FactorMatrix(shape[0], shape[1], values);
    }
}
