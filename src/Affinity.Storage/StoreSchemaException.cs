namespace Affinity.Storage;

/// <summary>The database was written by a newer Affinity whose schema this build does not know; nothing was changed.</summary>
public sealed class StoreSchemaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreSchemaException(string store, int foundVersion, int knownVersion)
        : base($"{store} has schema version {foundVersion}, but this build of Affinity knows versions up to {knownVersion}: "
            + "open it with the newer Affinity that wrote it, or restore a backup.")
    {
        Store = store;
        FoundVersion = foundVersion;
        KnownVersion = knownVersion;
    }

    /// <summary>The database, as the store describes it.</summary>
    public string Store { get; }

    /// <summary>The version recorded in the database.</summary>
    public int FoundVersion { get; }

    /// <summary>The newest version this build can migrate to.</summary>
    public int KnownVersion { get; }
}
