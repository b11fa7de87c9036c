using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Affinity.Benchmarks.TopKBenchmarks).Assembly).Run(args);
