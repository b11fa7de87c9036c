using System.Diagnostics;
using System.Globalization;
using Affinity.Core.Loading;
using Affinity.Core.Recommending;
using Affinity.Core.Retrieval;
using Affinity.Models;
using Affinity.Models.Factorization;

namespace Affinity.Benchmarks;

/// <summary>
/// <c>hnsw-recall</c>: recall@10 of <see cref="HnswIndex"/> against <see cref="ExactRetriever"/>
/// and the time per query of each, at several ef values, on random normal vectors or on the item
/// factors of <c>als</c> trained on a real dataset (the user factors are the queries), or on
/// <see cref="StructuredFactors"/>. A stopwatch run, not BenchmarkDotNet: recall is a count, and
/// one build serves every ef. Besides wall time it prints the process CPU time, which a machine
/// shared with other jobs inflates far less.
/// </summary>
/// <remarks>
/// <c>hnsw-recall [--items N] [--dims D] [--queries Q] [--threads T] [--ef 10,50,100]
/// [--metric InnerProduct|Cosine] [--source normal|structured] [--clusters C] [--m M] [--efc E] [--ipgraph Direct|Reduced]
/// [--data ml-1m]</c>; with <c>--data</c> the items and queries come from the trained model and
/// <c>--items</c>, <c>--dims</c>, <c>--queries</c> and <c>--source</c> are ignored.
/// </remarks>
public static class HnswRecall
{
    /// <summary>The first argument that selects this run.</summary>
    public const string Command = "hnsw-recall";

    /// <summary>Runs and prints to the console.</summary>
    public static void Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var items = Int(args, "--items", 100_000);
        var dims = Int(args, "--dims", 64);
        var queryCount = Int(args, "--queries", 1_000);
        var threads = Int(args, "--threads", -1);
        var efs = Option(args, "--ef", "10,20,50,100,200,400").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var metric = Enum.Parse<RetrievalMetric>(Option(args, "--metric", nameof(RetrievalMetric.InnerProduct)));
        var data = Option(args, "--data", string.Empty);
        var source = Option(args, "--source", "normal");
        var options = new HnswOptions { Metric = metric, M = Int(args, "--m", 16), EfConstruction = Int(args, "--efc", 200), InnerProductGraph = Enum.Parse<InnerProductGraph>(Option(args, "--ipgraph", nameof(InnerProductGraph.Direct))) };

        float[] itemVectors, queries;
        if (data.Length > 0)
        {
            (itemVectors, queries, dims) = AlsFactors(data);
        }
        else if (source == "structured")
        {
            (itemVectors, queries) = StructuredFactors.Generate(items, queryCount, dims, seed: 7, clusters: Int(args, "--clusters", 1_000));
        }
        else
        {
            var random = new Random(7);
            itemVectors = FactorMatrix.Normal(items, dims, 1.0, random).Values.ToArray();
            queries = FactorMatrix.Normal(queryCount, dims, 1.0, random).Values.ToArray();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"source {(data.Length > 0 ? data : source)}, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
        Measure(itemVectors, queries, dims, options, threads, efs);
    }

    private static void Measure(float[] items, float[] queries, int dims, HnswOptions options, int threads, int[] efs)
    {
        var count = queries.Length / dims;
        var watch = Stopwatch.StartNew();
        var cpu = Cpu();
        var index = HnswIndex.Build(items, dims, options, threads);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{index.Count:N0} items x {dims}, {options.Metric}{(options.Metric == RetrievalMetric.InnerProduct ? " " + options.InnerProductGraph : string.Empty)}, M {options.M}, ef_construction {options.EfConstruction}, threads {threads}: build {watch.Elapsed.TotalSeconds:F1} s ({Cpu() - cpu:F1} s CPU, {index.Count / (Cpu() - cpu):F0} inserts per CPU second), {index.MaxLevel + 1} layers"));
        var exact = new ExactRetriever(items, dims, options.Metric);
        var truth = new int[count * 10];
        var ids = new int[10];
        var scores = new float[10];
        watch.Restart();
        cpu = Cpu();
        for (var q = 0; q < count; q++)
        {
            exact.Search(queries.AsSpan(q * dims, dims), truth.AsSpan(q * 10, 10), scores);
        }

        var exactMs = watch.Elapsed.TotalMilliseconds / count;
        var exactCpu = (Cpu() - cpu) * 1000 / count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exact: {exactMs:F3} ms/query, {exactCpu:F3} ms CPU ({count:N0} queries)"));
        foreach (var ef in efs)
        {
            var hits = 0;
            watch.Restart();
            cpu = Cpu();
            for (var q = 0; q < count; q++)
            {
                index.Search(queries.AsSpan(q * dims, dims), ids, scores, ef);
                var expected = truth.AsSpan(q * 10, 10);
                foreach (var id in ids)
                {
                    hits += expected.Contains(id) ? 1 : 0;
                }
            }

            var ms = watch.Elapsed.TotalMilliseconds / count;
            var msCpu = (Cpu() - cpu) * 1000 / count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ef {ef,4}: recall@10 {hits / (10.0 * count):F4}, {ms:F3} ms/query, {exactMs / ms:F1}x exact; {msCpu:F3} ms CPU, {exactCpu / msCpu:F1}x exact"));
        }
    }

    /// <summary>Trains <c>als</c> at its defaults on every rating of a real dataset; returns item and user factors.</summary>
    private static (float[] Items, float[] Users, int Factors) AlsFactors(string dataset)
    {
        var data = DatasetLoaders.LoadByName(dataset, BenchEnvironment.DatasetFolder(dataset));
        var model = (ImplicitFactorModel)ModelCatalog.Default.Create("als", (string?)null);
        var watch = Stopwatch.StartNew();
        model.Fit(data, new FitContext());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"als on {dataset}: {model.ItemCount:N0} items, {model.UserCount:N0} users, {model.Factors} factors, fit {watch.Elapsed.TotalSeconds:F1} s"));
        var f = model.Factors;
        var items = new float[model.ItemCount * f];
        for (var i = 0; i < model.ItemCount; i++)
        {
            model.ItemVector(i).CopyTo(items.AsSpan(i * f, f));
        }

        var users = new float[model.UserCount * f];
        for (var u = 0; u < model.UserCount; u++)
        {
            model.UserVector(u).CopyTo(users.AsSpan(u * f, f));
        }

        return (items, users, f);
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    private static int Int(string[] args, string name, int fallback) => int.Parse(Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
