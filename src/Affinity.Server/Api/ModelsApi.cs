using System.Text.Json;
using Affinity.Server.Hosting;
using Affinity.Server.Serving;
using Affinity.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Affinity.Server.Api;

/// <summary>The model lifecycle: train in the background, list, activate (an atomic swap), roll back.</summary>
internal static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/models/train", Train)
            .WithName("TrainModel")
            .WithSummary("Starts a training job on a snapshot of the store; poll /v1/models/jobs/{id}.")
            .ProducesValidationProblem();
        routes.MapGet("/v1/models/jobs/{id}", Job).WithName("TrainingJob").ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/v1/models", ListAsync).WithName("ListModels");
        routes.MapPost("/v1/models/{id}/activate", ActivateAsync)
            .WithName("ActivateModel")
            .WithSummary("Loads the model whole, then swaps it in atomically.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        routes.MapPost("/v1/models/rollback", RollBackAsync)
            .WithName("RollBackModel")
            .WithSummary("Returns to the model that was active before the current one.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    private static Accepted<TrainingJobView> Train(TrainBody? body, TrainingJobs jobs, AffinityServerOptions options)
    {
        var model = body?.Model ?? options.DefaultModel;
        if (model.Length is 0 or > StoreLimits.MaxNameLength)
        {
            throw ApiException.Invalid("model", "'model' names a model of 'affinity models list'.");
        }

        string? json = null;
        if (body?.Options is { } given)
        {
            if (given.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.Invalid("options", "'options' must be a JSON object.");
            }

            json = given.GetRawText();
        }

        TrainingJob job;
        try
        {
            job = jobs.Start(model, json, body?.Activate ?? false, body?.Evaluate ?? true);
        }
        catch (ArgumentException e)
        {
            var field = e.ParamName is "name" or "modelName" ? "model" : "options";
            throw ApiException.Invalid(field, e.Message);
        }

        return TypedResults.Accepted($"/v1/models/jobs/{job.View.Id}", job.View);
    }

    private static Ok<TrainingJobView> Job(string id, TrainingJobs jobs)
        => TypedResults.Ok((jobs.Find(id) ?? throw ApiException.NotFound($"There is no training job '{id}'.")).View);

    private static async Task<Ok<ModelView[]>> ListAsync(ModelHost host, CancellationToken cancellationToken)
    {
        var models = new List<ModelView>();
        await foreach (var info in host.Store.Models.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            models.Add(View(info));
        }

        return TypedResults.Ok(models.ToArray());
    }

    private static async Task<Ok<ModelView>> ActivateAsync(string id, ModelHost host, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var modelId) || modelId < 1)
        {
            throw ApiException.Invalid("id", "'id' is a model's registry id (1, 2, ...).");
        }

        try
        {
            return TypedResults.Ok(View(await host.ActivateAsync(modelId, cancellationToken).ConfigureAwait(false)));
        }
        catch (KeyNotFoundException e)
        {
            throw ApiException.NotFound(e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException)
        {
            throw ApiException.Conflict(e.Message);
        }
    }

    private static async Task<Ok<ModelView>> RollBackAsync(ModelHost host, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(View(await host.RollBackAsync(cancellationToken).ConfigureAwait(false)));
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException)
        {
            throw ApiException.Conflict(e.Message);
        }
    }

    private static ModelView View(ModelInfo info)
    {
        using var options = JsonDocument.Parse(info.OptionsJson);
        using var metrics = JsonDocument.Parse(info.MetricsJson);
        var status = JsonNamingPolicy.CamelCase.ConvertName(info.Status.ToString());
        return new ModelView(info.Id, info.Algorithm, status, ServedModelLoader.VersionOf(info), options.RootElement.Clone(), metrics.RootElement.Clone(), info.Snapshot, info.CreatedAt);
    }
}
