using System.Net.Http.Json;
using System.Text.Json;

namespace Affinity.Server.Tests.Serving;

/// <summary>Without a model, the popularity fallback follows the log as events arrive.</summary>
public sealed class FallbackRefreshTests
{
    [Fact]
    public async Task New_events_reorder_the_fallbacks_popular_items_and_bring_in_new_ones()
    {
        var server = await ServerHarness.StartAsync(change: o => o with { FallbackRefresh = TimeSpan.Zero });
        try
        {
            await server.SeedAsync();
            await server.Host.FallbackRefresh;
            // The seed gives a1..a3 and b1..b3 two events each; "fresh" has none yet.
            Assert.DoesNotContain("fresh", await PopularAsync(server));

            var events = new List<object>();
            for (var u = 1; u <= 3; u++)
            {
                events.Add(new { userId = $"u{u}", itemId = "fresh" });
            }

            (await server.Client.PostAsJsonAsync("/v1/events", new { events })).EnsureSuccessStatusCode();
            await server.Host.FallbackRefresh;
            // Three events now make the new item the most popular, with no model trained.
            Assert.Equal("fresh", (await PopularAsync(server))[0]);
            var health = await server.Client.GetFromJsonAsync<JsonElement>("/v1/health");
            Assert.True(health.GetProperty("fallback").GetBoolean());
            Assert.Equal("fresh", ServerHarness.Items(await server.RecommendAsync("nobody", "count=1"))[0]);
        }
        finally
        {
            await server.DisposeAsync();
            ServerHarness.Delete(server.Folder);
        }
    }

    [Fact]
    public async Task A_burst_of_events_waits_for_one_rebuild()
    {
        var server = await ServerHarness.StartAsync(change: o => o with { FallbackRefresh = TimeSpan.FromSeconds(1) });
        try
        {
            await server.SeedAsync();
            var pending = server.Host.FallbackRefresh;
            (await server.Client.PostAsJsonAsync("/v1/events", new { userId = "u1", itemId = "fresh" })).EnsureSuccessStatusCode();
            // The second event joined the rebuild the first one scheduled.
            Assert.Same(pending, server.Host.FallbackRefresh);
            Assert.DoesNotContain("fresh", await PopularAsync(server));
            await pending;
            Assert.Contains("fresh", await PopularAsync(server));
        }
        finally
        {
            await server.DisposeAsync();
            ServerHarness.Delete(server.Folder);
        }
    }

    private static async Task<string[]> PopularAsync(ServerHarness server)
        => ServerHarness.Items(await server.Client.GetFromJsonAsync<JsonElement>("/v1/popular?count=10"));
}
