using System.Numerics.Tensors;
using Affinity.Core.Kernels;
using BenchmarkDotNet.Attributes;

namespace Affinity.Benchmarks;

/// <summary>
/// The sparse inner loop of conjugate-gradient ALS, Σ w (y · p) y over one row's positives, for a row
/// of 72 positives (the mean user of the ML-20M shape) and one of 500 (the mean item) over 64 factors:
/// the fused <see cref="ProjectionKernels"/> against the baseline of a <c>TensorPrimitives.Dot</c> and a
/// <c>MultiplyAdd</c> per positive.
/// </summary>
[MemoryDiagnoser]
public class ProjectionKernelBenchmarks
{
    private const int Factors = 64;
    private float[] _matrix = [];
    private int[] _rows = [];
    private float[] _weights = [];
    private readonly float[] _probe = new float[Factors];
    private readonly float[] _accumulator = new float[Factors];

    [Params(72, 500)]
    public int Positives { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        const int rowCount = 20_000;
        _matrix = new float[rowCount * Factors];
        for (var i = 0; i < _matrix.Length; i++)
        {
            _matrix[i] = random.NextSingle() - 0.5f;
        }

        _rows = new int[Positives];
        _weights = new float[Positives];
        for (var e = 0; e < Positives; e++)
        {
            _rows[e] = random.Next(rowCount);
            _weights[e] = 3 * random.NextSingle();
        }

        for (var f = 0; f < Factors; f++)
        {
            _probe[f] = random.NextSingle();
        }
    }

    [Benchmark(Baseline = true)]
    public float DotThenMultiplyAdd()
    {
        var matrix = _matrix.AsSpan();
        var accumulator = _accumulator.AsSpan();
        for (var e = 0; e < _rows.Length; e++)
        {
            var y = matrix.Slice(_rows[e] * Factors, Factors);
            TensorPrimitives.MultiplyAdd(y, _weights[e] * TensorPrimitives.Dot(y, _probe), accumulator, accumulator);
        }

        return accumulator[0];
    }

    [Benchmark]
    public float Fused()
    {
        ProjectionKernels.Accumulate<WeightedProjection>(_matrix, _rows, _weights, _probe, _accumulator);
        return _accumulator[0];
    }
}
