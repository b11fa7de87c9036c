using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Affinity.Benchmarks.RecommendBenchmarks).Assembly).Run(args);
