namespace Affinity.Server.Serving;

/// <summary>Where a training job is.</summary>
public enum JobStatus
{
    /// <summary>Accepted, not started.</summary>
    Queued,

    /// <summary>Reading the snapshot or fitting.</summary>
    Running,

    /// <summary>The model is in the registry (and active, when the request asked).</summary>
    Succeeded,

    /// <summary>Training failed; <see cref="TrainingJobView.Error"/> says why.</summary>
    Failed,
}

/// <summary>A training job as the API reports it.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Model">The model catalogue name.</param>
/// <param name="Status">Where it is.</param>
/// <param name="Stage">The current stage ("snapshot", a model's fit stage, "saving").</param>
/// <param name="Done">Work done in the stage.</param>
/// <param name="Total">Work in the stage (0 when unknown).</param>
/// <param name="ModelId">The registry id of the trained model, once saved.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="StartedAt">When it was accepted.</param>
/// <param name="FinishedAt">When it ended.</param>
public sealed record TrainingJobView(string Id, string Model, JobStatus Status, string Stage, int Done, int Total, long? ModelId, string? Error, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt);

/// <summary>One job's mutable state, written by its task and read by requests; every update replaces the whole view.</summary>
internal sealed class TrainingJob(string id, string model, DateTimeOffset startedAt)
{
    private TrainingJobView _view = new(id, model, JobStatus.Queued, "queued", 0, 0, null, null, startedAt, null);

    public TrainingJobView View => Volatile.Read(ref _view);

    /// <summary>Completes when the job ends, for tests and shutdown.</summary>
    public Task Completion { get; set; } = Task.CompletedTask;

    public void Update(Func<TrainingJobView, TrainingJobView> change)
    {
        while (true)
        {
            var current = View;
            if (ReferenceEquals(Interlocked.CompareExchange(ref _view, change(current), current), current))
            {
                return;
            }
        }
    }
}
