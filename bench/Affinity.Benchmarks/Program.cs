using Affinity.Benchmarks;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == HnswRecall.Command)
{
    HnswRecall.Run(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RecommendBenchmarks).Assembly).Run(args);
