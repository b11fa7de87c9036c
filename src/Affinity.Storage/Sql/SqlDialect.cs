using System.Data.Common;

namespace Affinity.Storage;

/// <summary>
/// What differs between the databases behind <see cref="SqlStore"/>: connections, how writers are
/// serialised, JSON parameters, the fast path for appending events, and the schema scripts. The
/// queries themselves are shared SQL that SQLite and PostgreSQL both accept, so the two stores
/// cannot drift apart in behaviour.
/// </summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>The schema scripts; script <c>i</c> takes the schema from version <c>i</c> to <c>i + 1</c>.</summary>
    public abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>Names the database in error messages ("SQLite file /x/affinity.db").</summary>
    public abstract string Description { get; }

    /// <summary>A connection for reading; the caller disposes it.</summary>
    public abstract ValueTask<DbConnection> OpenReadAsync(CancellationToken cancellationToken);

    /// <summary>Starts a write transaction; with a <paramref name="writeLock"/>, writers holding the same lock run one at a time.</summary>
    public abstract Task<SqlWrite> BeginWriteAsync(WriteLock writeLock, CancellationToken cancellationToken);

    /// <summary>Adds a parameter that the database stores as JSON.</summary>
    public abstract void AddJson(DbCommand command, string name, string json);

    /// <summary>Inserts validated events inside <paramref name="write"/> (which holds <see cref="WriteLock.Events"/>).</summary>
    /// <returns>The sequence number of the last one; the batch got consecutive numbers.</returns>
    public abstract Task<long> InsertEventsAsync(SqlWrite write, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}

/// <summary>Writers that must not interleave.</summary>
internal enum WriteLock
{
    /// <summary>No ordering needed beyond the database's own.</summary>
    None,

    /// <summary>Event appends: sequence numbers must commit in order, so readers of "since N" never miss one.</summary>
    Events,

    /// <summary>Registry changes: "exactly one active" is read, then written.</summary>
    Models,

    /// <summary>Schema migrations.</summary>
    Schema,
}
