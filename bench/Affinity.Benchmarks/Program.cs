using Affinity.Benchmarks;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == HnswRecall.Command)
{
    HnswRecall.Run(args[1..]);
    return 0;
}

if (args.Length > 0 && args[0] == LoadSeed.Command)
{
    return await LoadSeed.RunAsync(args[1..]).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(RecommendBenchmarks).Assembly).Run(args);
return 0;
