using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Affinity.Server.Tests;

/// <summary>The real-time loop: events change the next answer, forgetting and hiding act at once, models swap and roll back.</summary>
public sealed class ServingTests
{
    [Fact]
    public async Task Without_a_model_health_says_popularity_is_served_and_unknown_users_get_a_flagged_fallback()
    {
        var server = await ServerHarness.StartAsync();
        try
        {
            await server.SeedAsync();
            var health = await server.Client.GetFromJsonAsync<JsonElement>("/v1/health");
            Assert.True(health.GetProperty("fallback").GetBoolean());
            Assert.Contains("popularity", health.GetProperty("message").GetString(), StringComparison.Ordinal);

            var unknown = await server.RecommendAsync("nobody");
            Assert.Equal("fallback", unknown.GetProperty("route").GetString());
            Assert.True(unknown.GetProperty("fallback").GetBoolean());
        }
        finally
        {
            await server.DisposeAsync();
            ServerHarness.Delete(server.Folder);
        }
    }

    [Fact]
    public async Task A_trained_model_serves_the_missing_item_and_a_new_event_changes_the_next_answer()
    {
        var server = await ServerHarness.StartAsync();
        try
        {
            await server.SeedAsync();
            await server.TrainAsync("item-knn");
            var first = await server.RecommendAsync("u1", "count=1");
            Assert.Equal("model", first.GetProperty("route").GetString());
            Assert.Equal("item-knn#1", first.GetProperty("modelVersion").GetString());
            // u1 saw a1 and a2; a3 is the only item co-seen with them.
            Assert.Equal(["a3"], ServerHarness.Items(first));

            var posted = await server.Client.PostAsJsonAsync("/v1/events", new { userId = "u1", itemId = "a3", type = "purchase" });
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            var after = await server.RecommendAsync("u1", "count=3");
            Assert.DoesNotContain("a3", ServerHarness.Items(after));
            Assert.NotEqual("model", after.GetProperty("route").GetString());
        }
        finally
        {
            await server.DisposeAsync();
            ServerHarness.Delete(server.Folder);
        }
    }

    [Fact]
    public async Task Forgetting_a_user_takes_effect_at_once_and_survives_a_restart()
    {
        var server = await ServerHarness.StartAsync();
        var folder = server.Folder;
        try
        {
            await server.SeedAsync();
            await server.TrainAsync("item-knn");
            var deleted = await server.Client.DeleteAsync("/v1/users/u1");
            var forget = await deleted.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(2, forget.GetProperty("eventsDeleted").GetInt32());
            Assert.True(forget.GetProperty("servingStateCleared").GetBoolean());
            Assert.Equal("fallback", (await server.RecommendAsync("u1")).GetProperty("route").GetString());

            await server.DisposeAsync();
            server = await ServerHarness.StartAsync(folder);
            Assert.Equal("fallback", (await server.RecommendAsync("u1")).GetProperty("route").GetString());
            Assert.Equal("model", (await server.RecommendAsync("u2")).GetProperty("route").GetString());
        }
        finally
        {
            await server.DisposeAsync();
            ServerHarness.Delete(folder);
        }
    }

    [Fact]
    public async Task A_hidden_item_is_never_shown_and_shows_again_when_unhidden()
    {
        var server = await ServerHarness.StartAsync();
        try
        {
            await server.SeedAsync();
            await server.TrainAsync("item-knn");
            var hide = await server.Client.PutAsJsonAsync("/v1/items/a3", new { hidden = true, attributes = new { tags = new { genres = new[] { "Comedy" } } } });
            Assert.Equal(HttpStatusCode.OK, hide.StatusCode);
            Assert.DoesNotContain("a3", ServerHarness.Items(await server.RecommendAsync("u1", "count=10")));
            Assert.DoesNotContain("a3", ServerHarness.Items(await server.Client.GetFromJsonAsync<JsonElement>("/v1/popular?count=10")));
            Assert.DoesNotContain("a3", ServerHarness.Items(await server.Client.GetFromJsonAsync<JsonElement>("/v1/items/a1/similar?count=10")));

            await server.Client.PutAsJsonAsync("/v1/items/a3", new { hidden = false });
            Assert.Contains("a3", ServerHarness.Items(await server.RecommendAsync("u1", "count=10")));
        }
        finally
        {
            await server.DisposeAsync();
            ServerHarness.Delete(server.Folder);
        }
    }

    [Fact]
    public async Task Activation_swaps_models_and_rollback_returns_to_the_previous_one()
    {
        var server = await ServerHarness.StartAsync();
        try
        {
            await server.SeedAsync();
            await server.TrainAsync("als", new { factors = 4, iterations = 2 });
            await server.TrainAsync("popularity");
            Assert.Equal("popularity#2", (await server.RecommendAsync("u1")).GetProperty("modelVersion").GetString());

            var models = await server.Client.GetFromJsonAsync<JsonElement>("/v1/models");
            Assert.Equal(["retired", "active"], models.EnumerateArray().Select(m => m.GetProperty("status").GetString()!).ToArray());
            Assert.Equal(12, models[0].GetProperty("metrics").GetProperty("interactions").GetInt32());

            var back = await server.Client.PostAsync("/v1/models/rollback", null);
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
            Assert.Equal("als#1", (await server.RecommendAsync("u1")).GetProperty("modelVersion").GetString());

            var again = await server.Client.PostAsync("/v1/models/2/activate", null);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal("popularity#2", (await server.RecommendAsync("u1")).GetProperty("modelVersion").GetString());
            var missing = await server.Client.PostAsync("/v1/models/9/activate", null);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        finally
        {
            await server.DisposeAsync();
            ServerHarness.Delete(server.Folder);
        }
    }
}
