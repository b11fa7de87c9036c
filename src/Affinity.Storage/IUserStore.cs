namespace Affinity.Storage;

/// <summary>The users and their attributes. A user may have events without a record, and a record without events.</summary>
public interface IUserStore
{
    /// <summary>Inserts the user or replaces their attributes.</summary>
    /// <exception cref="Core.Data.DataFormatException">A field is invalid; nothing was stored.</exception>
    Task UpsertAsync(UserRecord user, CancellationToken cancellationToken);

    /// <summary>The user, or null when there is no record.</summary>
    Task<UserRecord?> GetAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Deletes the record (not the events: see <see cref="IStore.ForgetUserAsync"/>).</summary>
    /// <returns>Whether a record existed.</returns>
    Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Streams every user record in ordinal id order.</summary>
    IAsyncEnumerable<UserRecord> ListAsync(CancellationToken cancellationToken);
}
