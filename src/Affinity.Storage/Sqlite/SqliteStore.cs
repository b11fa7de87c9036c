using Microsoft.Data.Sqlite;

namespace Affinity.Storage.Sqlite;

/// <summary>
/// Opens the embedded store: one SQLite file (Microsoft.Data.Sqlite, bundled SQLite), created and
/// migrated on open.
/// </summary>
/// <remarks>
/// <para>The file runs in write-ahead-log mode (readers never block the writer and see a consistent
/// view for a whole read), with foreign keys on and one writer connection whose append statement is
/// prepared once. Writes from this process queue for that connection; other processes wait up to 30
/// seconds for SQLite's lock.</para>
/// <para>Durability: a task that appends returns only after its transaction committed. In WAL mode
/// a commit that has returned is in the WAL file, so a process crash loses nothing at any
/// <c>synchronous</c> level above OFF. The default is FULL all the same: it also fsyncs the WAL on
/// every commit, so an acknowledged event survives an operating-system crash or a power loss. The
/// cost is one fsync per transaction, which batches spread over many events; choose
/// <see cref="SqliteSynchronous.Normal"/> to drop it where only process crashes matter.</para>
/// </remarks>
public static class SqliteStore
{
    /// <summary>Opens (creating if needed) the store in <paramref name="path"/>.</summary>
    /// <exception cref="StoreSchemaException">The file was written by a newer Affinity.</exception>
    public static Task<IStore> OpenAsync(string path, SqliteStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new SqliteStoreOptions();
        return OpenCoreAsync(path, options, cancellationToken);
    }

    private static async Task<IStore> OpenCoreAsync(string path, SqliteStoreOptions options, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var dialect = await SqliteDialect.OpenAsync(path, connectionString, options.Synchronous, cancellationToken).ConfigureAwait(false);
        return await SqlStore.OpenAsync(dialect, options.Clock, cancellationToken).ConfigureAwait(false);
    }
}
