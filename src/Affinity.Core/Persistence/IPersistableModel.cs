using Affinity.Core.Recommending;

namespace Affinity.Core.Persistence;

/// <summary>
/// A model that can be written to and read from a model file. The file holds the model's
/// registered name and options (written by the model catalogue), then the arrays the model writes.
/// </summary>
public interface IPersistableModel : IRecommender
{
    /// <summary>The options record the model was created with.</summary>
    object Options { get; }

    /// <summary>Writes the fitted state.</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    void Save(ModelWriter writer);

    /// <summary>Reads the fitted state into this unfitted instance, created with the file's options.</summary>
    /// <exception cref="InvalidDataException">The file lacks a section or holds one of the wrong shape.</exception>
    void Load(ModelReader reader);
}
