namespace Affinity.Storage;

/// <summary>A model to register.</summary>
/// <param name="Algorithm">The model catalogue name ("als", "item-knn").</param>
/// <param name="OptionsJson">Its options as a JSON object.</param>
/// <param name="Snapshot">The data it was trained on.</param>
/// <param name="MetricsJson">Its evaluation metrics as a JSON object ("{}" for none yet).</param>
/// <param name="Content">The model file.</param>
/// <param name="Status">The status to start with; anything but <see cref="ModelStatus.Active"/>.</param>
public sealed record NewModel(
    string Algorithm,
    string OptionsJson,
    TrainingSnapshot Snapshot,
    string MetricsJson,
    ModelContent Content,
    ModelStatus Status = ModelStatus.Ready);
