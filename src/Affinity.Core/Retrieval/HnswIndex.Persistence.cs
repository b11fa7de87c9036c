using System.Text.Json;
using Affinity.Core.Persistence;

namespace Affinity.Core.Retrieval;

/// <summary>Saving and loading through the model file format (<see cref="ModelFile"/>).</summary>
public sealed partial class HnswIndex
{
    /// <summary>The algorithm name of a model file that holds only an index.</summary>
    public const string FileAlgorithm = "hnsw";

    private const int SectionVersion = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Writes the index as five sections named <c>{prefix}.header</c>, <c>.vectors</c>, <c>.levels</c>,
    /// <c>.links0</c> and <c>.upper</c>, so it can sit beside a model's own sections in one file.
    /// </summary>
    public void Save(ModelWriter writer, string prefix = FileAlgorithm)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        writer.Write(prefix + ".header", [
            SectionVersion, (int)Metric, Options.M, Options.EfConstruction, Options.EfSearch, Options.Seed,
            Count, Dimensions, _graph.EntryPoint, _graph.MaxLevel, (int)Options.InnerProductGraph,
        ]);
        writer.Write(prefix + ".vectors", _graph.Vectors);
        writer.Write(prefix + ".levels", _graph.Levels);
        writer.Write(prefix + ".links0", _graph.Links0);
        writer.Write(prefix + ".upper", _graph.LinksUpper);
    }

    /// <summary>Writes a model file that holds only this index (algorithm <see cref="FileAlgorithm"/>, the options as JSON).</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ModelFile.Write(stream, FileAlgorithm, JsonSerializer.Serialize(Options, Json), w => Save(w));
    }

    /// <summary>Reads an index written by <see cref="Save(ModelWriter, string)"/>, checking every section's shape and every link.</summary>
    /// <exception cref="InvalidDataException">A section is missing, of the wrong shape, or links outside the index.</exception>
    public static HnswIndex Load(ModelReader reader, string prefix = FileAlgorithm)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var headerName = prefix + ".header";
        var header = reader.ReadInt32s(headerName);
        // Version 1 files predate the option and were all built with the reduction.
        var version1 = header.Length == 10 && header[0] == 1;
        if (!version1 && (header.Length != 11 || header[0] != SectionVersion))
        {
            throw reader.Invalid(headerName, $"expected 11 values of section version {SectionVersion} (or 10 of version 1), found {header.Length}.");
        }

        HnswOptions options;
        try
        {
            options = new HnswOptions
            {
                Metric = (RetrievalMetric)header[1], M = header[2], EfConstruction = header[3], EfSearch = header[4], Seed = header[5],
                InnerProductGraph = version1 ? InnerProductGraph.Reduced : (InnerProductGraph)header[10],
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw reader.Invalid(headerName, e.Message);
        }

        var (count, dimensions, entry, maxLevel) = (header[6], header[7], header[8], header[9]);
        if (count < 0 || dimensions <= 0)
        {
            throw reader.Invalid(headerName, $"{count} items of {dimensions} dimensions.");
        }

        var stride = options is { Metric: RetrievalMetric.InnerProduct, InnerProductGraph: InnerProductGraph.Reduced } ? dimensions + 1 : dimensions;
        var vectors = reader.ReadSingles(prefix + ".vectors");
        if (vectors.Length != (long)count * stride)
        {
            throw reader.Invalid(prefix + ".vectors", $"expected {count} rows of {stride}, found {vectors.Length} values.");
        }

        var levels = ReadLevels(reader, prefix + ".levels", count, entry, maxLevel);
        var links0 = ReadLinks(reader, prefix + ".links0", count, (long)count * ((2 * options.M) + 1), 2 * options.M);
        var upper = ReadLinks(reader, prefix + ".upper", count, HnswGraph.UpperLength(levels, options.M), options.M);
        var graph = new HnswGraph(vectors, stride, options.M, levels, links0, upper, entry, maxLevel);
        return new HnswIndex(graph, dimensions, options);
    }

    /// <summary>Reads a file written by <see cref="Save(Stream)"/>.</summary>
    /// <param name="stream">The file content.</param>
    /// <param name="source">The file name, for error messages.</param>
    /// <exception cref="InvalidDataException">Not an index file, or a damaged one.</exception>
    public static HnswIndex Load(Stream stream, string source)
    {
        var reader = ModelFile.Read(stream, source);
        if (reader.Algorithm != FileAlgorithm)
        {
            throw new InvalidDataException($"{source} holds the model '{reader.Algorithm}', not an HNSW index.");
        }

        return Load(reader);
    }

    private static int[] ReadLevels(ModelReader reader, string name, int count, int entry, int maxLevel)
    {
        var levels = reader.ReadInt32s(name);
        if (levels.Length != count)
        {
            throw reader.Invalid(name, $"expected {count} levels, found {levels.Length}.");
        }

        var top = -1;
        foreach (var level in levels)
        {
            if (level < 0)
            {
                throw reader.Invalid(name, $"the level {level} is negative.");
            }

            top = Math.Max(top, level);
        }

        var entryOk = count == 0 ? entry == -1 : entry >= 0 && entry < count && levels[entry] == top;
        if (!entryOk || maxLevel != top)
        {
            throw reader.Invalid(name, $"the entry point {entry} at level {maxLevel} does not match the levels (top {top}).");
        }

        return levels;
    }

    private static int[] ReadLinks(ModelReader reader, string name, int count, long length, int capacity)
    {
        var links = reader.ReadInt32s(name);
        if (links.Length != length)
        {
            throw reader.Invalid(name, $"expected {length} values, found {links.Length}.");
        }

        for (var block = 0; block < links.Length; block += capacity + 1)
        {
            var size = links[block];
            if (size < 0 || size > capacity)
            {
                throw reader.Invalid(name, $"a list holds {size} links; at most {capacity} fit.");
            }

            for (var i = 1; i <= size; i++)
            {
                if ((uint)links[block + i] >= (uint)count)
                {
                    throw reader.Invalid(name, $"the link {links[block + i]} is outside the {count} items.");
                }
            }
        }

        return links;
    }
}
