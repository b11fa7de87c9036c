using System.Globalization;
using System.Text;
using Affinity.Server.Hosting;
using Affinity.Server.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Affinity.Server.Api;

/// <summary>Probes and metrics: <c>/health/live</c>, <c>/health/ready</c>, <c>/v1/health</c>, <c>/metrics</c>.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        // The application is built only once the store is open and a snapshot loaded, so a server that answers is ready.
        routes.MapGet("/health/live", () => TypedResults.Text("live")).WithName("Live").ExcludeFromDescription();
        routes.MapGet("/health/ready", (ModelHost host) => TypedResults.Ok(Health(host))).WithName("Ready").ExcludeFromDescription();
        routes.MapGet("/v1/health", (ModelHost host) => TypedResults.Ok(Health(host))).WithName("Health").WithSummary("What is served: the model version, or the popularity fallback.");
        routes.MapGet("/metrics", Metrics).WithName("Metrics").WithSummary("Prometheus text exposition format.");
        return routes;
    }

    private static HealthView Health(ModelHost host)
    {
        var served = host.Served;
        var snapshot = host.Engine.Snapshot;
        var message = served.Info is { } info
            ? $"Serving model {ServedModelLoader.VersionOf(info)}, trained through event {info.Snapshot.ThroughSequence.ToString(CultureInfo.InvariantCulture)}, plus live events since."
            : $"No active model: serving popularity over {served.Cut.Count.ToString(CultureInfo.InvariantCulture)} stored events (train one with POST /v1/models/train).";
        return new HealthView("ok", snapshot.Version, served.IsFallback, message, snapshot.Sequence, host.EventsIngested, host.Engine.LiveUserCount);
    }

    private static ContentHttpResult Metrics(ServerMetrics metrics, ModelHost host)
    {
        var text = new StringBuilder(4096);
        metrics.Write(text);
        var served = host.Served;
        text.Append("# HELP affinity_events_ingested_total Events acknowledged since the server started.\n");
        text.Append("# TYPE affinity_events_ingested_total counter\n");
        text.Append(CultureInfo.InvariantCulture, $"affinity_events_ingested_total {host.EventsIngested}\n");
        text.Append("# HELP affinity_active_model_id The registry id of the served model (0 for the popularity fallback).\n");
        text.Append("# TYPE affinity_active_model_id gauge\n");
        text.Append(CultureInfo.InvariantCulture, $"affinity_active_model_id {served.Info?.Id ?? 0}\n");
        text.Append("# HELP affinity_active_model_info The served model's version label.\n");
        text.Append("# TYPE affinity_active_model_info gauge\n");
        text.Append(CultureInfo.InvariantCulture, $"affinity_active_model_info{{version=\"{host.Engine.Snapshot.Version ?? "fallback"}\"}} 1\n");
        text.Append("# HELP affinity_snapshot_sequence The event sequence the served model was trained through.\n");
        text.Append("# TYPE affinity_snapshot_sequence gauge\n");
        text.Append(CultureInfo.InvariantCulture, $"affinity_snapshot_sequence {host.Engine.Snapshot.Sequence}\n");
        text.Append("# HELP affinity_live_users Users with events newer than the served model.\n");
        text.Append("# TYPE affinity_live_users gauge\n");
        text.Append(CultureInfo.InvariantCulture, $"affinity_live_users {host.Engine.LiveUserCount}\n");
        return TypedResults.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
    }
}
