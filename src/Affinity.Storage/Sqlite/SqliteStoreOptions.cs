namespace Affinity.Storage.Sqlite;

/// <summary>How an embedded SQLite store trades durability for speed.</summary>
/// <param name="Synchronous">
/// SQLite's <c>synchronous</c> setting. <see cref="SqliteSynchronous.Full"/> (the default) survives a
/// process crash, an operating-system crash and a power loss; <see cref="SqliteSynchronous.Normal"/>
/// survives a process crash only.
/// </param>
/// <param name="Clock">The time source for registry timestamps (defaults to the system clock).</param>
public sealed record SqliteStoreOptions(SqliteSynchronous Synchronous = SqliteSynchronous.Full, TimeProvider? Clock = null);

/// <summary>
/// SQLite's <c>PRAGMA synchronous</c> levels that are safe in WAL mode
/// (https://www.sqlite.org/pragma.html#pragma_synchronous, https://www.sqlite.org/wal.html).
/// </summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// A commit is written to the WAL file (the operating system holds it) but not synced: a process
    /// crash loses nothing, a power loss may lose the last commits. Never corrupts the database.
    /// </summary>
    Normal,

    /// <summary>Every commit syncs the WAL file to disk before it returns: durable even across a power loss.</summary>
    Full,
}
