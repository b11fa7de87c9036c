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
internal sealed partial class TrainingJobs(ModelHost host, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<TrainingJobs> logger)
{
    private readonly ConcurrentDictionary<string, TrainingJob> _jobs = new(StringComparer.Ordinal);
    private int _next;

    public TrainingJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>Starts a job; the model is created first so that a bad name or option fails the request, not the job.</summary>
    /// <exception cref="ArgumentException">Unknown model or options that don't fit (the message says which).</exception>
    public TrainingJob Start(string modelName, string? optionsJson, bool activate)
    {
        var model = ModelCatalog.Default.Create(modelName, optionsJson) as IPersistableModel
            ?? throw new ArgumentException($"The model '{modelName}' cannot be saved to the registry, so it cannot be served.", nameof(modelName));
        var id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var job = new TrainingJob(id, model.Name, time.GetUtcNow());
        _jobs[id] = job;
        job.Completion = Task.Run(() => RunAsync(job, model, activate, lifetime.ApplicationStopping));
        return job;
    }

    private async Task RunAsync(TrainingJob job, IPersistableModel model, bool activate, CancellationToken cancellationToken)
    {
        try
        {
            job.Update(v => v with { Status = JobStatus.Running, Stage = "snapshot" });
            var cut = await SnapshotReader.ReadAsync(host.Store, null, cancellationToken).ConfigureAwait(false);
            if (cut.Dataset.Count == 0)
            {
                throw new InvalidOperationException("The store holds no events to train on.");
            }

            var clock = Stopwatch.StartNew();
            var progress = new JobProgress(job);
            model.Fit(cut.Dataset, new FitContext { Progress = progress, CancellationToken = cancellationToken, Time = time });
            var fitSeconds = clock.Elapsed.TotalSeconds;
            job.Update(v => v with { Stage = "saving", Done = 0, Total = 0 });
            using var bytes = new MemoryStream();
            ModelCatalog.Default.Save(model, bytes);
            var descriptor = ModelCatalog.Default.Get(model.Name);
            var options = JsonSerializer.Serialize(model.Options, descriptor.OptionsType, ModelCatalog.JsonOptions);
            var metrics = JsonSerializer.Serialize(new TrainingMetrics(fitSeconds, cut.Dataset.Count, cut.Dataset.UserCount, cut.Dataset.ItemCount, bytes.Length), ModelCatalog.JsonOptions);
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
    private sealed record TrainingMetrics(double FitSeconds, int Interactions, int Users, int Items, long ModelBytes);

    private sealed class JobProgress(TrainingJob job) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => job.Update(v => v with { Stage = value.Stage, Done = value.Done, Total = value.Total });
    }
}
