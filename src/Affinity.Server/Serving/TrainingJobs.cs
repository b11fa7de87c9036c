using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;
using Affinity.Models;
using Affinity.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Affinity.Server.Serving;

/// <summary>
/// Trains models in the background on a snapshot of the store (every event up to the log's high-water
/// mark when the job starts), registers each as <see cref="ModelStatus.Ready"/> with its training facts
/// as metrics, and activates it when asked. Jobs are kept in memory; the registry keeps the models.
/// </summary>
/// <remarks>
/// Unless told not to, a job first measures the model: a second instance with the same options is
/// fitted on a per-user random 10% holdout of the snapshot (<see cref="HoldoutEvaluation"/>, seed
/// <see cref="EvaluationSeed"/>) and scored with NDCG@10 and Recall@10. The model registered and
/// served is then fitted on the whole snapshot, so the metrics estimate a model trained on 90% of the
/// data with the same options, not the served fit itself; the held-out events are not lost to serving.
/// </remarks>
internal sealed partial class TrainingJobs(ModelHost host, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<TrainingJobs> logger)
{
    private readonly ConcurrentDictionary<string, TrainingJob> _jobs = new(StringComparer.Ordinal);
    private int _next;

    /// <summary>The seed of the evaluation holdout, fixed so that models trained on the same snapshot are measured on the same split.</summary>
    public const int EvaluationSeed = 42;

    public TrainingJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>Starts a job; the model is created first so that a bad name or option fails the request, not the job.</summary>
    /// <exception cref="ArgumentException">Unknown model or options that don't fit (the message says which).</exception>
    public TrainingJob Start(string modelName, string? optionsJson, bool activate, bool evaluate = true)
    {
        var model = ModelCatalog.Default.Create(modelName, optionsJson) as IPersistableModel
            ?? throw new ArgumentException($"The model '{modelName}' cannot be saved to the registry, so it cannot be served.", nameof(modelName));
        var id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var job = new TrainingJob(id, model.Name, time.GetUtcNow());
        _jobs[id] = job;
        var evaluator = evaluate ? ModelCatalog.Default.Create(modelName, optionsJson) as ScoringRecommender : null;
        job.Completion = Task.Run(() => RunAsync(job, model, evaluator, activate, lifetime.ApplicationStopping));
        return job;
    }

    private async Task RunAsync(TrainingJob job, IPersistableModel model, ScoringRecommender? evaluator, bool activate, CancellationToken cancellationToken)
    {
        try
        {
            job.Update(v => v with { Status = JobStatus.Running, Stage = "snapshot" });
            var cut = await SnapshotReader.ReadAsync(host.Store, null, cancellationToken).ConfigureAwait(false);
            if (cut.Dataset.Count == 0)
            {
                throw new InvalidOperationException("The store holds no events to train on.");
            }

            var progress = new JobProgress(job);
            HoldoutMetrics? evaluation = null;
            if (evaluator is not null)
            {
                job.Update(v => v with { Stage = "evaluating", Done = 0, Total = 0 });
                evaluation = HoldoutEvaluation.Run(evaluator, cut.Dataset, EvaluationSeed, new FitContext { CancellationToken = cancellationToken, Time = time });
            }

            var clock = Stopwatch.StartNew();
            model.Fit(cut.Dataset, new FitContext { Progress = progress, CancellationToken = cancellationToken, Time = time });
            var fitSeconds = clock.Elapsed.TotalSeconds;
            job.Update(v => v with { Stage = "saving", Done = 0, Total = 0 });
            using var bytes = new MemoryStream();
            ModelCatalog.Default.Save(model, bytes);
            var descriptor = ModelCatalog.Default.Get(model.Name);
            var options = JsonSerializer.Serialize(model.Options, descriptor.OptionsType, ModelCatalog.JsonOptions);
            var metrics = JsonSerializer.Serialize(new TrainingMetrics(fitSeconds, cut.Dataset.Count, cut.Dataset.UserCount, cut.Dataset.ItemCount, bytes.Length, evaluation), ModelCatalog.JsonOptions);
            var id = await host.Store.Models.AddAsync(new NewModel(descriptor.Name, options, cut.Description, metrics, ModelContent.FromBytes(bytes.GetBuffer().AsSpan(0, (int)bytes.Length))), cancellationToken).ConfigureAwait(false);
            job.Update(v => v with { ModelId = id });
            if (activate)
            {
                job.Update(v => v with { Stage = "activating" });
                await host.ActivateAsync(id, cancellationToken).ConfigureAwait(false);
            }

            job.Update(v => v with { Status = JobStatus.Succeeded, Stage = "done", FinishedAt = time.GetUtcNow() });
        }
#pragma warning disable CA1031 // A job's failure of any kind is reported on the job, never thrown into the void.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(logger, job.View.Id, job.View.Model, e);
            job.Update(v => v with { Status = JobStatus.Failed, Error = e.Message, FinishedAt = time.GetUtcNow() });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training job {Job} ({Model}) failed")]
    private static partial void LogFailed(ILogger logger, string job, string model, Exception exception);

    /// <summary>What the registry records of a training run.</summary>
    private sealed record TrainingMetrics(double FitSeconds, int Interactions, int Users, int Items, long ModelBytes, HoldoutMetrics? Evaluation);

    private sealed class JobProgress(TrainingJob job) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => job.Update(v => v with { Stage = value.Stage, Done = value.Done, Total = value.Total });
    }
}
