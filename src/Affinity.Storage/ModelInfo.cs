namespace Affinity.Storage;

/// <summary>A registered model, without its file.</summary>
/// <param name="Id">The registry id.</param>
/// <param name="Algorithm">The model catalogue name.</param>
/// <param name="OptionsJson">Its options (PostgreSQL's jsonb may reformat the text; the JSON value is the same).</param>
/// <param name="Snapshot">The data it was trained on.</param>
/// <param name="MetricsJson">Its evaluation metrics.</param>
/// <param name="Status">Its status now.</param>
/// <param name="CreatedAt">When it was registered, to the millisecond.</param>
/// <param name="ContentPath">The model file path, or null when the store holds the bytes.</param>
/// <param name="ContentLength">The size of the stored bytes, or 0 when the file lives at a path.</param>
public sealed record ModelInfo(
    long Id,
    string Algorithm,
    string OptionsJson,
    TrainingSnapshot Snapshot,
    string MetricsJson,
    ModelStatus Status,
    DateTimeOffset CreatedAt,
    string? ContentPath,
    long ContentLength);
