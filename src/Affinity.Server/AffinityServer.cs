using System.Diagnostics;
using System.Net;
using System.Threading.RateLimiting;
using Affinity.Server.Api;
using Affinity.Server.Hosting;
using Affinity.Server.Serving;
using Affinity.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Affinity.Server;

/// <summary>
/// Builds the Affinity HTTP service from <see cref="AffinityServerOptions"/>: opens the store, loads the
/// active model (or popularity when there is none), and maps the API. <c>affinity serve</c> and the
/// tests host the same application.
/// </summary>
public static partial class AffinityServer
{
    /// <summary>Builds the application; run it with <c>RunAsync</c>, dispose it to close the store.</summary>
    /// <param name="options">The server options.</param>
    /// <param name="configure">Changes to the builder before it is built (tests swap in a test server here).</param>
    /// <param name="cancellationToken">Cancels the start-up (opening the store, loading the model).</param>
    /// <exception cref="ArgumentException">The store connection string is malformed.</exception>
    public static async Task<WebApplication> BuildAsync(AffinityServerOptions options, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        var (urls, narrowed) = ListenAddresses(options);
        builder.WebHost.UseUrls(urls);
        // Per-request framework logs would drown the service's own; the metrics endpoint counts requests.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        builder.Services.Configure<RouteHandlerOptions>(route => route.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemMapper>();
        builder.Services.AddOpenApi();
        builder.Services.AddRateLimiter(limiter => ConfigureRateLimiter(limiter, options));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddSingleton<TrainingJobs>();
        configure?.Invoke(builder);

        var connection = options.Store ?? AffinityServerOptions.DefaultStore();
        var store = await StoreFactory.OpenAsync(connection, cancellationToken: cancellationToken).ConfigureAwait(false);
        ModelHost host;
        try
        {
            host = await ModelHost.StartAsync(store, cancellationToken, options.FallbackRefresh).ConfigureAwait(false);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // Registered by factory so that the container disposes the store when the application stops.
        builder.Services.AddSingleton<IStore>(_ => store);
        builder.Services.AddSingleton(_ => host);
        var app = builder.Build();
        app.Services.GetRequiredService<IStore>();
        LogStarted(app.Logger, StoreKind(connection), host.Served.Info is { } info ? ServedModelLoader.VersionOf(info) : "none (popularity fallback)", host.Engine.Snapshot.Sequence);
        if (options.ApiKeys.Count == 0)
        {
            LogNoKeys(app.Logger, narrowed ? " (non-loopback addresses were narrowed to 127.0.0.1)" : string.Empty);
        }

        var metrics = app.Services.GetRequiredService<ServerMetrics>();
        app.Use((context, next) => Measure(metrics, context, next));
        app.UseExceptionHandler();
        app.Use((context, next) => LimitBody(options.MaxRequestBodyBytes, context, next));
        app.Use(new ApiKeyGate(options.ApiKeys).InvokeAsync);
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapHealthApi();
        app.MapEventsApi();
        app.MapCatalogApi();
        app.MapRecommendationsApi();
        app.MapModelsApi();
        return app;
    }

    private static async Task Measure(ServerMetrics metrics, HttpContext context, RequestDelegate next)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            metrics.Record(context.Request.Method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
    }

    // Kestrel enforces the limit while reading; this answers early, with a ProblemDetails, when the client declares the size (and on hosts without Kestrel).
    private static Task LimitBody(long limit, HttpContext context, RequestDelegate next)
        => context.Request.ContentLength > limit
            ? TypedResults.Problem($"The request body is larger than {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large").ExecuteAsync(context)
            : next(context);

    private static void ConfigureRateLimiter(RateLimiterOptions limiter, AffinityServerOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            // The key gate runs first, so a key here is a valid one; without keys, the client address partitions.
            var key = context.Request.Headers[ApiKeyGate.Header].ToString();
            var partition = key.Length > 0 ? "key:" + key : "ip:" + context.Connection.RemoteIpAddress;
            return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = 2 * options.RequestsPerSecond,
                TokensPerPeriod = options.RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        limiter.OnRejected = (rejected, _) =>
        {
            rejected.HttpContext.Response.Headers.RetryAfter = "1";
            return new ValueTask(TypedResults.Problem("Too many requests for this key; retry in a second.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(rejected.HttpContext));
        };
    }

    /// <summary>The addresses to bind; without API keys, a non-loopback host is replaced by 127.0.0.1.</summary>
    private static (string Urls, bool Narrowed) ListenAddresses(AffinityServerOptions options)
    {
        var urls = options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (options.ApiKeys.Count > 0)
        {
            return (string.Join(';', urls), false);
        }

        var narrowed = false;
        for (var k = 0; k < urls.Length; k++)
        {
            var wildcard = urls[k].Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal);
            if (!Uri.TryCreate(wildcard, UriKind.Absolute, out var uri))
            {
                throw new ArgumentException($"The address '{urls[k]}' is not a URL like http://127.0.0.1:5080.", nameof(options));
            }

            var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback)
            {
                urls[k] = $"{uri.Scheme}://127.0.0.1:{uri.Port}";
                narrowed = true;
            }
        }

        return (string.Join(';', urls), narrowed);
    }

    private static string StoreKind(string connection) => connection.StartsWith(StoreFactory.SqliteScheme, StringComparison.OrdinalIgnoreCase) ? connection : "postgres";

    [LoggerMessage(Level = LogLevel.Information, Message = "Affinity serving from store {Store}; model {Model}; snapshot through sequence {Sequence}")]
    private static partial void LogStarted(ILogger logger, string store, string model, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API keys configured: every caller is admin, so the server listens on loopback only{Detail}. Give --api-key KEY:ROLE to accept other hosts.")]
    private static partial void LogNoKeys(ILogger logger, string detail);
}
