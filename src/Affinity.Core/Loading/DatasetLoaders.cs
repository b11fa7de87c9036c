using Affinity.Core.Data;

namespace Affinity.Core.Loading;

/// <summary>Loads a catalogue dataset by its name with the loader that reads its format.</summary>
public static class DatasetLoaders
{
    /// <summary>Loads the dataset <paramref name="name"/> (see <see cref="DatasetCatalog"/>) from a folder holding its files.</summary>
    /// <exception cref="ArgumentException">No loader has that name; the message lists the known ones.</exception>
    public static Dataset LoadByName(string name, string folder)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        return DatasetCatalog.Get(name).Name switch
        {
            MovieLens100K.DatasetName => MovieLens100K.Load(folder),
            MovieLens1M.DatasetName => MovieLens1M.Load(folder),
            MovieLensLatestSmall.DatasetName => MovieLensLatestSmall.Load(folder),
            LastFm.DatasetName => LastFm.Load(folder),
            var other => throw new ArgumentException($"The catalogue lists '{other}', but no loader reads it.", nameof(name)),
        };
    }
}
