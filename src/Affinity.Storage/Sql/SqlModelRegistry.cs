using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Affinity.Storage;

/// <summary>
/// The model registry over a <see cref="SqlDialect"/>. "At most one active" is guarded twice: every
/// change runs under <see cref="WriteLock.Models"/>, and a partial unique index on the Active status
/// makes a second active row impossible even for a writer that bypasses this class.
/// </summary>
internal sealed class SqlModelRegistry(SqlDialect dialect, TimeProvider clock) : IModelRegistry
{
    private const string InfoColumns =
        "id, algorithm, options, snapshot_through, snapshot_events, snapshot_users, snapshot_items, snapshot_checksum, "
        + "metrics, status, created_ms, content_path, content_length";

    public async Task<long> AddAsync(NewModel model, CancellationToken cancellationToken)
    {
        RecordValidator.Model(model);
        var bytes = model.Content.RawBytes;
        var write = await dialect.BeginWriteAsync(WriteLock.Models, cancellationToken).ConfigureAwait(false);
        await using (write.ConfigureAwait(false))
        {
            await using var command = write.Command(
                "INSERT INTO models (algorithm, options, snapshot_through, snapshot_events, snapshot_users, snapshot_items, snapshot_checksum, "
                + "metrics, status, created_ms, content, content_path, content_length) VALUES (@algorithm, @options, @through, @events, @users, @items, "
                + "@checksum, @metrics, @status, @created, @content, @path, @length) RETURNING id")
                .With("@algorithm", model.Algorithm)
                .With("@through", model.Snapshot.ThroughSequence)
                .With("@events", model.Snapshot.EventCount)
                .With("@users", model.Snapshot.UserCount)
                .With("@items", model.Snapshot.ItemCount)
                .With("@checksum", model.Snapshot.Checksum)
                .With("@status", model.Status.ToString())
                .With("@created", clock.GetUtcNow().ToUnixTimeMilliseconds())
                .With("@content", bytes)
                .With("@path", model.Content.Path)
                .With("@length", model.Content.Length);
            dialect.AddJson(command, "@options", model.OptionsJson);
            dialect.AddJson(command, "@metrics", model.MetricsJson);
            var id = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            await write.CommitAsync(cancellationToken).ConfigureAwait(false);
            return id;
        }
    }

    public IAsyncEnumerable<ModelInfo> ListAsync(CancellationToken cancellationToken)
        => QueryAsync("ORDER BY id", null, cancellationToken);

    public Task<ModelInfo?> GetAsync(long modelId, CancellationToken cancellationToken)
        => FirstAsync(QueryAsync("WHERE id = @id", modelId, cancellationToken));

    public Task<ModelInfo?> GetActiveAsync(CancellationToken cancellationToken)
        => FirstAsync(QueryAsync("WHERE status = 'Active'", null, cancellationToken));

    public async Task<ModelContent?> GetContentAsync(long modelId, CancellationToken cancellationToken)
    {
        var connection = await dialect.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.Query("SELECT content, content_path FROM models WHERE id = @id").With("@id", modelId);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                return reader.IsDBNull(0)
                    ? ModelContent.FromPath(reader.GetString(1))
                    : ModelContent.Owning(reader.GetFieldValue<byte[]>(0));
            }
        }
    }

    public async Task SetStatusAsync(long modelId, ModelStatus status, CancellationToken cancellationToken)
    {
        if (status == ModelStatus.Active || !Enum.IsDefined(status))
        {
            throw new ArgumentException($"SetStatusAsync cannot set {status}; ActivateAsync makes a model active.", nameof(status));
        }

        var write = await dialect.BeginWriteAsync(WriteLock.Models, cancellationToken).ConfigureAwait(false);
        await using (write.ConfigureAwait(false))
        {
            await using var command = write.Command("UPDATE models SET status = @status WHERE id = @id")
                .With("@status", status.ToString())
                .With("@id", modelId);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new KeyNotFoundException($"There is no model {modelId}.");
            }

            await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task ActivateAsync(long modelId, CancellationToken cancellationToken)
    {
        var write = await dialect.BeginWriteAsync(WriteLock.Models, cancellationToken).ConfigureAwait(false);
        await using (write.ConfigureAwait(false))
        {
            var status = await StatusAsync(write, modelId, cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"There is no model {modelId}.");
            if (status is ModelStatus.Training or ModelStatus.Failed)
            {
                throw new InvalidOperationException($"Model {modelId} is {status} and cannot be activated.");
            }

            if (status != ModelStatus.Active)
            {
                await SwitchActiveAsync(write, modelId, cancellationToken).ConfigureAwait(false);
                await using var history = write.Command("INSERT INTO model_activations (model_id, activated_ms) VALUES (@id, @now)")
                    .With("@id", modelId)
                    .With("@now", clock.GetUtcNow().ToUnixTimeMilliseconds());
                await history.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ModelInfo> RollBackAsync(CancellationToken cancellationToken)
    {
        long target;
        var write = await dialect.BeginWriteAsync(WriteLock.Models, cancellationToken).ConfigureAwait(false);
        await using (write.ConfigureAwait(false))
        {
            // Newest activation first: skip the current model's own entries, then take the newest
            // earlier model that may still be activated, and forget the activations above it, so a
            // second roll-back goes one further step back.
            var history = new List<(long Seq, long Model, ModelStatus Status)>();
            await using (var command = write.Command(
                "SELECT a.seq, a.model_id, m.status FROM model_activations a JOIN models m ON m.id = a.model_id ORDER BY a.seq DESC"))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        history.Add((reader.GetInt64(0), reader.GetInt64(1), Enum.Parse<ModelStatus>(reader.GetString(2))));
                    }
                }
            }

            var index = history.FindIndex(h => h.Status is ModelStatus.Ready or ModelStatus.Retired);
            if (index < 0)
            {
                throw new InvalidOperationException("There is no earlier active model to roll back to.");
            }

            target = history[index].Model;
            await using (var forget = write.Command("DELETE FROM model_activations WHERE seq > @seq").With("@seq", history[index].Seq))
            {
                await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await SwitchActiveAsync(write, target, cancellationToken).ConfigureAwait(false);
            await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return await GetAsync(target, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Model {target} vanished during the roll-back.");
    }

    private static async Task SwitchActiveAsync(SqlWrite write, long modelId, CancellationToken cancellationToken)
    {
        await using (var retire = write.Command("UPDATE models SET status = 'Retired' WHERE status = 'Active'"))
        {
            await retire.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var activate = write.Command("UPDATE models SET status = 'Active' WHERE id = @id").With("@id", modelId);
        await activate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ModelStatus?> StatusAsync(SqlWrite write, long modelId, CancellationToken cancellationToken)
    {
        await using var command = write.Command("SELECT status FROM models WHERE id = @id").With("@id", modelId);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is string text ? Enum.Parse<ModelStatus>(text) : null;
    }

    private static async Task<ModelInfo?> FirstAsync(IAsyncEnumerable<ModelInfo> models)
    {
        await foreach (var model in models.ConfigureAwait(false))
        {
            return model;
        }

        return null;
    }

    private async IAsyncEnumerable<ModelInfo> QueryAsync(string clause, long? id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await dialect.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.Query($"SELECT {InfoColumns} FROM models {clause}");
            if (id is not null)
            {
                command.With("@id", id.Value);
            }

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return Read(reader);
                }
            }
        }
    }

    private static ModelInfo Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        new TrainingSnapshot(reader.GetInt64(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetString(7)),
        reader.GetString(8),
        Enum.Parse<ModelStatus>(reader.GetString(9)),
        Sql.FromMilliseconds(reader.GetInt64(10)),
        reader.IsDBNull(11) ? null : reader.GetString(11),
        reader.GetInt64(12));
}
