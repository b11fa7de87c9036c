using Affinity.Core.Data;
using Affinity.Core.Loading;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Affinity.Benchmarks;

/// <summary>
/// Loading ML-100K from its files (u.data, u.item, u.user, u.genre: parsing, id maps, attributes)
/// into a <see cref="Dataset"/>. Needs the real data under AFFINITY_DATA or ../shared/data; the
/// setup fails with that message where it is missing. "MB/s" counts the bytes of the files read.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class LoaderBenchmarks
{
    private static readonly string[] Files = ["u.data", "u.item", "u.user", "u.genre"];
    private string _folder = "";

    [GlobalSetup]
    public void Setup() => _folder = BenchEnvironment.DatasetFolder("ml-100k");

    [Benchmark]
    public Dataset MovieLens100K() => Affinity.Core.Loading.MovieLens100K.Load(_folder);

    private static double? FileBytes()
    {
        try
        {
            var folder = BenchEnvironment.DatasetFolder("ml-100k");
            return Files.Sum(f => new FileInfo(Path.Combine(folder, f)).Length);
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new RateColumn("MB/s", _ => FileBytes(), 1e6));
    }
}
