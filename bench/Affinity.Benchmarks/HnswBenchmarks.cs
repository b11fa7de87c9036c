using Affinity.Core.Retrieval;
using Affinity.Models.Factorization;
using BenchmarkDotNet.Attributes;

namespace Affinity.Benchmarks;

/// <summary>
/// Top-10 for one query against 100k items of 64 factors: <see cref="ExactRetriever"/> (every dot
/// product, then <c>TopK.Select</c>; the baseline) against an <see cref="HnswIndex"/> search at
/// three ef values, both by inner product over random normal vectors. The index is built once in
/// the setup with every core (once per process with --inProcess). Queries cycle through 1,000 random vectors, so no run sees one
/// query's path in the caches. Recall at each ef comes from <c>hnsw-recall</c> (see bench/README.md).
/// </summary>
[MemoryDiagnoser]
public class HnswBenchmarks
{
    /// <summary>Factors per item, as the factor models default to.</summary>
    public const int Factors = 64;

    private const int QueryCount = 1_000;

    // Every (method, ef) case runs its own setup; with --inProcess they share one build.
    private static readonly Dictionary<int, (ExactRetriever Exact, HnswIndex Index, float[] Queries)> Built = [];

    private readonly int[] _ids = new int[10];
    private readonly float[] _scores = new float[10];
    private ExactRetriever? _exact;
    private HnswIndex? _index;
    private float[] _queries = [];
    private int _next;

    [Params(100_000)]
    public int ItemCount { get; set; }

    [Params(50, 100, 200)]
    public int EfSearch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!Built.TryGetValue(ItemCount, out var built))
        {
            var random = new Random(7);
            var items = FactorMatrix.Normal(ItemCount, Factors, 1.0, random);
            var queries = FactorMatrix.Normal(QueryCount, Factors, 1.0, random).Values.ToArray();
            built = (new ExactRetriever(items.Values, Factors), HnswIndex.Build(items.Values, Factors, maxDegreeOfParallelism: -1), queries);
            Built[ItemCount] = built;
        }

        (_exact, _index, _queries) = built;
    }

    [Benchmark(Baseline = true)]
    public int Exact() => _exact!.Search(NextQuery(), _ids, _scores);

    [Benchmark]
    public int Hnsw() => _index!.Search(NextQuery(), _ids, _scores, EfSearch);

    private ReadOnlySpan<float> NextQuery()
    {
        _next = (_next + 1) % QueryCount;
        return _queries.AsSpan(_next * Factors, Factors);
    }
}
