using System.Runtime.CompilerServices;

namespace Affinity.Storage;

/// <summary>The item catalogue over a <see cref="SqlDialect"/>.</summary>
internal sealed class SqlItemCatalog(SqlDialect dialect) : IItemCatalog
{
    private const string Upsert =
        "INSERT INTO items (id, attributes, available, hidden) VALUES (@id, @attributes, @available, @hidden) "
        + "ON CONFLICT (id) DO UPDATE SET attributes = excluded.attributes, available = excluded.available, hidden = excluded.hidden";

    public Task UpsertAsync(ItemRecord item, CancellationToken cancellationToken)
        => UpsertManyAsync([item], cancellationToken);

    public async Task UpsertManyAsync(IReadOnlyList<ItemRecord> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var json = new string[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            RecordValidator.Item(items[i], i + 1);
            json[i] = AttributesJson.Write(items[i].Attributes);
        }

        var write = await dialect.BeginWriteAsync(WriteLock.None, cancellationToken).ConfigureAwait(false);
        await using (write.ConfigureAwait(false))
        {
            for (var i = 0; i < items.Count; i++)
            {
                await using var command = write.Command(Upsert)
                    .With("@id", items[i].Id)
                    .With("@available", items[i].Available)
                    .With("@hidden", items[i].Hidden);
                dialect.AddJson(command, "@attributes", json[i]);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ItemRecord?> GetAsync(string itemId, CancellationToken cancellationToken)
    {
        RecordValidator.Id(itemId, "itemId");
        await foreach (var item in QueryAsync("WHERE id = @id", itemId, cancellationToken).ConfigureAwait(false))
        {
            return item;
        }

        return null;
    }

    public IAsyncEnumerable<ItemRecord> ListAsync(CancellationToken cancellationToken)
        => QueryAsync(string.Empty, null, cancellationToken);

    private async IAsyncEnumerable<ItemRecord> QueryAsync(string where, string? id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await dialect.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Ordinal order in both databases: COLLATE "C" in PostgreSQL, BINARY (the default) in SQLite.
            await using var command = connection.Query($"SELECT id, attributes, available, hidden FROM items {where} ORDER BY id");
            if (id is not null)
            {
                command.With("@id", id);
            }

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return new ItemRecord(
                        reader.GetString(0),
                        AttributesJson.Read(reader.GetString(1)),
                        reader.GetBoolean(2),
                        reader.GetBoolean(3));
                }
            }
        }
    }
}
