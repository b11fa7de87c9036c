namespace Affinity.Storage;

/// <summary>
/// Everything Affinity keeps: the event log, the item catalogue, the users and the model registry,
/// over one database. Opened by <c>SqliteStore.OpenAsync</c>, <c>PostgresStore.OpenAsync</c> or,
/// by connection string, <c>StoreFactory.OpenAsync</c>; disposing it closes its connections.
/// </summary>
/// <remarks>Every member is safe to call from several tasks at once.</remarks>
public interface IStore : IAsyncDisposable
{
    /// <summary>The schema version the store runs on (the last migration applied).</summary>
    int SchemaVersion { get; }

    /// <summary>The append-only log of what users did.</summary>
    IEventLog Events { get; }

    /// <summary>The items and their attributes and flags.</summary>
    IItemCatalog Items { get; }

    /// <summary>The users and their attributes.</summary>
    IUserStore Users { get; }

    /// <summary>Trained models, their metrics and which one is active.</summary>
    IModelRegistry Models { get; }

    /// <summary>
    /// Removes everything the store knows about a user, their events and their record, in one
    /// transaction: either both are gone or nothing changed.
    /// </summary>
    Task<ForgetResult> ForgetUserAsync(string userId, CancellationToken cancellationToken);
}
