using System.Text.Json;
using Affinity.Core.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Affinity.Server.Hosting;

/// <summary>
/// Turns every exception an endpoint lets through into a ProblemDetails response (RFC 9457): bad input
/// is a 400 that names the field, a body over the limit a 413, and only a real fault a 500, whose
/// details stay in the log.
/// </summary>
internal sealed partial class ProblemMapper(ILogger<ProblemMapper> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        IResult? result = exception switch
        {
            ApiException { Field: { } field } e => TypedResults.ValidationProblem(Errors(field, e.Message), e.Message, title: e.Title),
            ApiException e => TypedResults.Problem(e.Message, statusCode: e.Status, title: e.Title),
            BadHttpRequestException { InnerException: JsonException { Path: { } path } json } => TypedResults.ValidationProblem(Errors(Field(path), Describe(json)), "The request body does not have the expected JSON shape.", title: "Invalid request"),
            BadHttpRequestException { InnerException: JsonException json } => TypedResults.ValidationProblem(Errors("body", Describe(json)), "The request body is not valid JSON.", title: "Invalid request"),
            BadHttpRequestException e => TypedResults.Problem(e.Message, statusCode: e.StatusCode, title: e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request"),
            DataFormatException e => TypedResults.ValidationProblem(Errors(e.Field ?? "body", e.Reason), e.Message, title: "Invalid request"),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => TypedResults.Problem("The client went away.", statusCode: 499),
            _ => null,
        };

        if (result is null)
        {
            LogFault(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
            await TypedResults.Problem("The server met an unexpected fault; it has been logged.", statusCode: 500, title: "Internal error").ExecuteAsync(httpContext).ConfigureAwait(false);
            return true;
        }

        await result.ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    private static Dictionary<string, string[]> Errors(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };

    // System.Text.Json paths start at the root ("$.events[2].value"); the API names fields without it.
    private static string Field(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path == "$" ? "body" : path;

    private static string Describe(JsonException json)
    {
        var message = json.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled fault in {Method} {Path}")]
    private static partial void LogFault(ILogger logger, string method, string path, Exception exception);
}
