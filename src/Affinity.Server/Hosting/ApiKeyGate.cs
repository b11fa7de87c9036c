using Microsoft.AspNetCore.Http;

namespace Affinity.Server.Hosting;

/// <summary>
/// Checks the <c>X-Api-Key</c> header: reads (GET, HEAD) need a read or admin key, everything else an
/// admin key; the health probes and the OpenAPI document need none. Without configured keys every
/// caller is admin (the server then listens on loopback only, see <see cref="AffinityServer"/>).
/// </summary>
internal sealed class ApiKeyGate(IReadOnlyList<ApiKey> keys)
{
    public const string Header = "X-Api-Key";

    /// <summary>The item under which the caller's role is kept in <see cref="HttpContext.Items"/>.</summary>
    public const string RoleItem = "affinity.role";

    private readonly Dictionary<string, ApiRole> _keys = keys.ToDictionary(k => k.Key, k => k.Role, StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (_keys.Count == 0 || path.StartsWithSegments("/health", StringComparison.Ordinal) || path.StartsWithSegments("/openapi", StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var given = context.Request.Headers[Header].ToString();
        if (given.Length == 0 || !_keys.TryGetValue(given, out var role))
        {
            context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
            await TypedResults.Problem($"A valid API key is required in the {Header} header.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var reads = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        if (!reads && role != ApiRole.Admin)
        {
            await TypedResults.Problem("This key may only read; writes need an admin key.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Items[RoleItem] = role;
        await next(context).ConfigureAwait(false);
    }
}
