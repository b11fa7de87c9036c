using Affinity.Core.Kernels;
using BenchmarkDotNet.Attributes;

namespace Affinity.Benchmarks;

/// <summary>
/// The dense SPD inverse behind EASE (n^3 flops) and the Cholesky factorisation (n^3 / 3 flops), on
/// every core. Each call first restores the input, an n^2 copy that is noise beside the n^3 work.
/// </summary>
[MemoryDiagnoser]
public class CholeskyBenchmarks
{
    private float[] _matrix = [];
    private float[] _work = [];

    [Params(1_000, 4_000)]
    public int Order { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // A random symmetric matrix made diagonally dominant, hence positive definite, as a ridge Gram matrix is.
        var random = new Random(1);
        var n = Order;
        _matrix = new float[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                _matrix[(i * n) + j] = _matrix[(j * n) + i] = random.NextSingle() - 0.5f;
            }

            _matrix[(i * n) + i] = n;
        }

        _work = new float[n * n];
    }

    [Benchmark]
    public float Invert()
    {
        _matrix.AsSpan().CopyTo(_work);
        Cholesky.Invert(_work, Order);
        return _work[0];
    }

    [Benchmark]
    public float Factor()
    {
        _matrix.AsSpan().CopyTo(_work);
        Cholesky.Factor(_work, Order);
        return _work[0];
    }
}
