using System.Runtime.CompilerServices;

namespace Affinity.Storage;

/// <summary>The users over a <see cref="SqlDialect"/>.</summary>
internal sealed class SqlUserStore(SqlDialect dialect) : IUserStore
{
    public async Task UpsertAsync(UserRecord user, CancellationToken cancellationToken)
    {
        RecordValidator.User(user);
        var write = await dialect.BeginWriteAsync(WriteLock.None, cancellationToken).ConfigureAwait(false);
        await using (write.ConfigureAwait(false))
        {
            await using var command = write.Command(
                "INSERT INTO users (id, attributes) VALUES (@id, @attributes) ON CONFLICT (id) DO UPDATE SET attributes = excluded.attributes")
                .With("@id", user.Id);
            dialect.AddJson(command, "@attributes", AttributesJson.Write(user.Attributes));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<UserRecord?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        RecordValidator.Id(userId, "userId");
        await foreach (var user in QueryAsync("WHERE id = @id", userId, cancellationToken).ConfigureAwait(false))
        {
            return user;
        }

        return null;
    }

    public async Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        RecordValidator.Id(userId, "userId");
        var write = await dialect.BeginWriteAsync(WriteLock.None, cancellationToken).ConfigureAwait(false);
        await using (write.ConfigureAwait(false))
        {
            await using var command = write.Command("DELETE FROM users WHERE id = @id").With("@id", userId);
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await write.CommitAsync(cancellationToken).ConfigureAwait(false);
            return deleted > 0;
        }
    }

    public IAsyncEnumerable<UserRecord> ListAsync(CancellationToken cancellationToken)
        => QueryAsync(string.Empty, null, cancellationToken);

    private async IAsyncEnumerable<UserRecord> QueryAsync(string where, string? id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await dialect.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.Query($"SELECT id, attributes FROM users {where} ORDER BY id");
            if (id is not null)
            {
                command.With("@id", id);
            }

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return new UserRecord(reader.GetString(0), AttributesJson.Read(reader.GetString(1)));
                }
            }
        }
    }
}
