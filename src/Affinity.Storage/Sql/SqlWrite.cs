using System.Data.Common;

namespace Affinity.Storage;

/// <summary>One write transaction; disposing it without <see cref="CommitAsync"/> rolls it back.</summary>
internal sealed class SqlWrite : IAsyncDisposable
{
    private readonly Func<ValueTask> _release;
    private bool _done;

    public SqlWrite(DbConnection connection, DbTransaction transaction, Func<ValueTask> release)
    {
        Connection = connection;
        Transaction = transaction;
        _release = release;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _done = true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_done)
            {
                await Transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
            await _release().ConfigureAwait(false);
        }
    }
}
