using System.Globalization;
using Affinity.Server.Hosting;
using Affinity.Server.Serving;
using Affinity.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Affinity.Server.Api;

/// <summary><c>POST /v1/events</c>: one event or a batch, acknowledged once durable and visible to the user's next request.</summary>
internal static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/events", PostAsync)
            .WithName("PostEvents")
            .WithSummary("Records one event, or a batch under 'events' (all or none).")
            .ProducesValidationProblem();
        return routes;
    }

    private static async Task<Ok<EventsAccepted>> PostAsync(EventsBody body, ModelHost host, AffinityServerOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        NewEvent[] events;
        if (body.Events is { } batch)
        {
            if (body.UserId is not null || body.ItemId is not null || body.Type is not null || body.Value is not null || body.Timestamp is not null)
            {
                throw ApiException.Invalid("events", "Send either one event's fields or 'events', not both.");
            }

            if (batch.Count == 0 || batch.Count > options.MaxBatchEvents)
            {
                throw ApiException.Invalid("events", $"A batch holds 1 to {options.MaxBatchEvents} events.");
            }

            events = new NewEvent[batch.Count];
            for (var k = 0; k < batch.Count; k++)
            {
                var e = batch[k] ?? throw ApiException.Invalid(string.Create(CultureInfo.InvariantCulture, $"events[{k}]"), "An event must be an object.");
                events[k] = Check(e.UserId, e.ItemId, e.Type, e.Value, e.Timestamp, string.Create(CultureInfo.InvariantCulture, $"events[{k}]."), now);
            }
        }
        else
        {
            events = [Check(body.UserId, body.ItemId, body.Type, body.Value, body.Timestamp, string.Empty, now)];
        }

        var range = await host.AppendAsync(events, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new EventsAccepted(range.Count, range.First, range.Last));
    }

    private static NewEvent Check(string? userId, string? itemId, string? type, float? value, DateTimeOffset? timestamp, string prefix, DateTimeOffset now)
    {
        var user = Validate.Id(userId, prefix + "userId");
        var item = Validate.Id(itemId, prefix + "itemId");
        var kind = type ?? "view";
        if (kind.Length is 0 or > StoreLimits.MaxEventTypeLength || !kind.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw ApiException.Invalid(prefix + "type", $"'type' is 1 to {StoreLimits.MaxEventTypeLength} letters, digits, '-', '_' or '.'.");
        }

        if (value is { } v && !float.IsFinite(v))
        {
            throw ApiException.Invalid(prefix + "value", "'value' must be a finite number.");
        }

        return new NewEvent(user, item, kind, value ?? 1f, timestamp ?? now);
    }
}
