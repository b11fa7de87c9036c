using Npgsql;

namespace Affinity.Storage.Postgres;

/// <summary>
/// Opens the store over PostgreSQL (Npgsql): the tables live in the connection's schema
/// (search path), created and migrated on open.
/// </summary>
/// <remarks>
/// <para>Event appends take a transaction-scoped advisory lock, so sequence numbers commit in the
/// order they were assigned: a reader of "since N" never passes a number whose event commits later.
/// Appends therefore run one at a time per database; a batch of thousands costs one lock. Registry
/// changes take another advisory lock for the same reason ("exactly one active" is read, then
/// written).</para>
/// <para>Durability follows the server's <c>synchronous_commit</c> (on by default: a commit
/// returns after its WAL record is flushed).</para>
/// <para>Attributes, options and metrics are jsonb, model files bytea, sequence numbers bigint identity.</para>
/// </remarks>
public static class PostgresStore
{
    /// <summary>Opens the store in the database named by an Npgsql connection string ("Host=...;Database=...").</summary>
    /// <exception cref="StoreSchemaException">The database was written by a newer Affinity.</exception>
    public static Task<IStore> OpenAsync(string connectionString, PostgresStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        options ??= new PostgresStoreOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CopyThreshold, 1);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            // The store runs a small fixed set of statements: let Npgsql prepare them on each connection.
            builder.MaxAutoPrepare = 32;
        }

        var description = $"PostgreSQL database {builder.Database ?? builder.Username ?? "(default)"} on {builder.Host ?? "(default host)"}";
        var dataSource = NpgsqlDataSource.Create(builder);
        return SqlStore.OpenAsync(new PostgresDialect(dataSource, description, options.CopyThreshold), options.Clock, cancellationToken);
    }
}
