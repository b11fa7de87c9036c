using Affinity.Cli.Hosting;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;
using Affinity.Models;

namespace Affinity.Cli.Commands;

/// <summary>Writes and reads model files for the train, recommend and similar commands, turning file problems into exit codes.</summary>
internal static class ModelFiles
{
    /// <summary>The model as one that can be saved, checked before training so no fit is wasted.</summary>
    /// <exception cref="CliException">The model cannot be written to a model file (usage).</exception>
    public static IPersistableModel Persistable(IRecommender model)
        => model as IPersistableModel ?? throw new CliException($"The model '{model.Name}' cannot be written to a model file.", ExitCodes.Usage);

    /// <summary>Writes a fitted model with <see cref="ModelCatalog.Save"/> and returns the file's size in bytes.</summary>
    public static long Save(IPersistableModel persistable, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using (var stream = File.Create(path))
        {
            ModelCatalog.Default.Save(persistable, stream);
        }

        return new FileInfo(path).Length;
    }

    /// <summary>Reads a model file written by <see cref="Save"/>.</summary>
    /// <exception cref="CliException">The file is missing (data not found), not a model file or damaged (bad data), or holds a model without external ids (usage).</exception>
    public static ScoringRecommender Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"The model file '{path}' does not exist; write one with 'affinity train'.", ExitCodes.DataNotFound);
        }

        IPersistableModel model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelCatalog.Default.Load(stream, path);
        }
        catch (InvalidDataException e)
        {
            throw new CliException(e.Message, ExitCodes.BadData);
        }

        return model as ScoringRecommender
            ?? throw new CliException($"The model '{model.Name}' in '{path}' does not keep the training ids, so it cannot answer by external id.", ExitCodes.Usage);
    }
}
