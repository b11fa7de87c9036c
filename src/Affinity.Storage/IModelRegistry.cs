namespace Affinity.Storage;

/// <summary>
/// Trained models with what they were trained on and how well they did. At most one model is
/// <see cref="ModelStatus.Active"/> (the one the service serves); activating another retires the
/// previous one in the same transaction, and every activation is remembered so that
/// <see cref="RollBackAsync"/> can return to the one before.
/// </summary>
public interface IModelRegistry
{
    /// <summary>Registers a model.</summary>
    /// <returns>Its id (1, 2, ...).</returns>
    /// <exception cref="Core.Data.DataFormatException">A field is invalid (empty algorithm, malformed JSON); nothing was stored.</exception>
    /// <exception cref="ArgumentException">The status is <see cref="ModelStatus.Active"/>: use <see cref="ActivateAsync"/>.</exception>
    Task<long> AddAsync(NewModel model, CancellationToken cancellationToken);

    /// <summary>Streams every model, without its content, in id order.</summary>
    IAsyncEnumerable<ModelInfo> ListAsync(CancellationToken cancellationToken);

    /// <summary>The model, without its content, or null when there is no such id.</summary>
    Task<ModelInfo?> GetAsync(long modelId, CancellationToken cancellationToken);

    /// <summary>The active model, or null when none is active.</summary>
    Task<ModelInfo?> GetActiveAsync(CancellationToken cancellationToken);

    /// <summary>The model file (its bytes or its path), or null when there is no such id.</summary>
    Task<ModelContent?> GetContentAsync(long modelId, CancellationToken cancellationToken);

    /// <summary>Sets a status other than <see cref="ModelStatus.Active"/> (a training job finished or failed, a model retired).</summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> is Active: use <see cref="ActivateAsync"/>.</exception>
    /// <exception cref="KeyNotFoundException">There is no such model.</exception>
    Task SetStatusAsync(long modelId, ModelStatus status, CancellationToken cancellationToken);

    /// <summary>Makes the model the only active one, atomically: the previous active one becomes <see cref="ModelStatus.Retired"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such model.</exception>
    /// <exception cref="InvalidOperationException">The model is still training or failed.</exception>
    Task ActivateAsync(long modelId, CancellationToken cancellationToken);

    /// <summary>
    /// Retires the active model and re-activates the one that was active before it, atomically.
    /// Repeated calls walk further back through the activation history.
    /// </summary>
    /// <returns>The model now active.</returns>
    /// <exception cref="InvalidOperationException">No earlier active model that can be activated again.</exception>
    Task<ModelInfo> RollBackAsync(CancellationToken cancellationToken);
}
