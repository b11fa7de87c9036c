using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Affinity.Server.Tests;

/// <summary>API keys, validation with field names, size limits, and the documents a client reads.</summary>
public sealed class SafetyTests : IAsyncLifetime
{
    private ServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await ServerHarness.StartAsync(keys: true, change: o => o with { MaxRequestBodyBytes = 4096 });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        ServerHarness.Delete(_server.Folder);
    }

    [Fact]
    public async Task Requests_without_a_valid_key_get_401_and_read_keys_cannot_write()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/v1/popular", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/v1/popular", "not-a-key-at-all-xyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/v1/popular", ServerHarness.ReadKey)).StatusCode);

        var forbidden = await Send(HttpMethod.Post, "/v1/events", ServerHarness.ReadKey, """{"userId":"u1","itemId":"i1"}""");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, "/v1/events", ServerHarness.AdminKey, """{"userId":"u1","itemId":"i1"}""")).StatusCode);

        // Probes and the API document need no key.
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/health/live", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/health/ready", null)).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/v1/users/u1/recommendations?count=0", null, "count")]
    [InlineData("GET", "/v1/users/u1/recommendations?count=1001", null, "count")]
    [InlineData("GET", "/v1/users/u1/recommendations?diversity=2", null, "diversity")]
    [InlineData("GET", "/v1/users/u1/recommendations?filter=genres", null, "filter")]
    [InlineData("GET", "/v1/users/u1/recommendations?explain=maybe", null, "explain")]
    [InlineData("GET", "/v1/users/u%20x/recommendations", null, "id")]
    [InlineData("POST", "/v1/events", """{"itemId":"i1"}""", "userId")]
    [InlineData("POST", "/v1/events", """{"userId":"u1","itemId":"i/1"}""", "itemId")]
    [InlineData("POST", "/v1/events", """{"events":[{"userId":"u1","itemId":"i1"},{"userId":"u1"}]}""", "events[1].itemId")]
    [InlineData("POST", "/v1/events", """{"events":[]}""", "events")]
    [InlineData("POST", "/v1/events", """{"userId":"u1","itemId":"i1","colour":"red"}""", "colour")]
    [InlineData("POST", "/v1/events", """{"userId":"u1","itemId":"i1","value":"high"}""", "value")]
    [InlineData("POST", "/v1/events", """{"userId":"u1",""", "body")]
    [InlineData("POST", "/v1/models/train", """{"model":"no-such-model"}""", "model")]
    [InlineData("POST", "/v1/models/train", """{"model":"als","options":{"factors":-3}}""", "options")]
    [InlineData("POST", "/v1/models/abc/activate", null, "id")]
    public async Task Bad_input_is_a_400_problem_that_names_the_field(string method, string path, string? body, string field)
    {
        var response = await Send(new HttpMethod(method), path, ServerHarness.AdminKey, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem()
    {
        var events = string.Join(',', Enumerable.Range(0, 200).Select(k => $$"""{"userId":"u{{k}}","itemId":"i{{k}}"}"""));
        var response = await Send(HttpMethod.Post, "/v1/events", ServerHarness.AdminKey, $$"""{"events":[{{events}}]}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_items_are_404_problems_not_500s()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "/v1/items/ghost/similar", ServerHarness.ReadKey)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "/v1/users/ghost/profile", ServerHarness.ReadKey)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "/v1/models/jobs/77", ServerHarness.ReadKey)).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_endpoints()
    {
        var document = await (await Send(HttpMethod.Get, "/openapi/v1.json", null)).Content.ReadFromJsonAsync<JsonElement>();
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/v1/events", "/v1/users/{id}/recommendations", "/v1/items/{id}", "/v1/models/train", "/v1/models/{id}/activate" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"the document lacks {path}");
        }
    }

    [Fact]
    public async Task Metrics_count_requests_per_route_and_events_ingested()
    {
        await Send(HttpMethod.Post, "/v1/events", ServerHarness.AdminKey, """{"events":[{"userId":"u1","itemId":"i1"},{"userId":"u2","itemId":"i1"}]}""");
        await Send(HttpMethod.Get, "/v1/users/u1/recommendations", ServerHarness.ReadKey);
        var metrics = await (await Send(HttpMethod.Get, "/metrics", ServerHarness.ReadKey)).Content.ReadAsStringAsync();
        Assert.Contains("affinity_events_ingested_total 2\n", metrics, StringComparison.Ordinal);
        Assert.Contains("affinity_http_requests_total{method=\"GET\",route=\"/v1/users/{id}/recommendations\",status=\"200\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("affinity_http_request_duration_seconds_count{method=\"POST\",route=\"/v1/events\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("affinity_active_model_id 0\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rate_limiter_answers_429_once_a_key_spends_its_burst()
    {
        var server = await ServerHarness.StartAsync(keys: true, change: o => o with { RequestsPerSecond = 2 });
        try
        {
            var statuses = new List<HttpStatusCode>();
            for (var k = 0; k < 8; k++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/popular");
                request.Headers.Add("X-Api-Key", ServerHarness.ReadKey);
                statuses.Add((await server.Client.SendAsync(request)).StatusCode);
            }

            // A burst of 2 x 2 = 4 tokens; the refill comes a second later, after the loop is done.
            Assert.Equal(HttpStatusCode.OK, statuses[0]);
            Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        }
        finally
        {
            await server.DisposeAsync();
            ServerHarness.Delete(server.Folder);
        }
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? key, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await _server.Client.SendAsync(request);
    }
}
