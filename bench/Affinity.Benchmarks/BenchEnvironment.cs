using Affinity.Core.Demo;

namespace Affinity.Benchmarks;

/// <summary>
/// What the suites read from the environment, so one build serves a quick run and the full
/// ML-20M-shaped one. BenchmarkDotNet's child processes inherit these variables.
/// </summary>
public static class BenchEnvironment
{
    /// <summary>The synthetic data size of <see cref="ModelTrainingBenchmarks"/>: a <see cref="SyntheticShape"/> preset or USERSxITEMSxINTERACTIONS.</summary>
    public const string ShapeVariable = "AFFINITY_BENCH_SHAPE";

    /// <summary>The models to train or query: catalogue names, each optionally name={json options}, separated by ';'.</summary>
    public const string ModelsVariable = "AFFINITY_BENCH_MODELS";

    /// <summary>The folder holding the real datasets (as for the tests).</summary>
    public const string DataVariable = "AFFINITY_DATA";

    /// <summary>The models that exist in every build; the integrator's models join by name through <see cref="ModelsVariable"/>.</summary>
    public const string DefaultModels = "popularity;bias";

    /// <summary>The synthetic shape to train on: <see cref="ShapeVariable"/>, or ML-20M's when unset.</summary>
    public static SyntheticShape TrainingShape()
    {
        var text = Environment.GetEnvironmentVariable(ShapeVariable);
        return string.IsNullOrWhiteSpace(text) ? SyntheticShape.MovieLens20M : SyntheticShape.Parse(text);
    }

    /// <summary>The model specs from <see cref="ModelsVariable"/>, or <see cref="DefaultModels"/>.</summary>
    public static IEnumerable<string> ModelSpecs()
    {
        var text = Environment.GetEnvironmentVariable(ModelsVariable);
        return (string.IsNullOrWhiteSpace(text) ? DefaultModels : text)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Splits "name" or "name={json}" into the name and the options JSON (null for the defaults).</summary>
    public static (string Name, string? Options) ParseSpec(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var equals = spec.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (spec.Trim(), null) : (spec[..equals].Trim(), spec[(equals + 1)..].Trim());
    }

    /// <summary>
    /// A real dataset folder: under <see cref="DataVariable"/>, else under ../shared/data beside the
    /// repository root (found by walking up to Affinity.sln), as the tests find it.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder is not on this machine.</exception>
    public static string DatasetFolder(string name)
    {
        var root = Environment.GetEnvironmentVariable(DataVariable);
        if (string.IsNullOrWhiteSpace(root))
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Affinity.sln")))
                {
                    root = Path.Combine(dir.FullName, "..", "shared", "data");
                    break;
                }
            }
        }

        var folder = root is null ? null : Path.GetFullPath(Path.Combine(root, name));
        return folder is not null && Directory.Exists(folder)
            ? folder
            : throw new DirectoryNotFoundException($"The dataset '{name}' is not on this machine; set {DataVariable} to the folder that holds it.");
    }
}
