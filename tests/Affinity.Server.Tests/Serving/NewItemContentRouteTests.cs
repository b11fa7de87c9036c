using System.Net.Http.Json;
using System.Text.Json;

namespace Affinity.Server.Tests.Serving;

/// <summary>An item added after the model's snapshot is recommendable at once through its attributes.</summary>
public sealed class NewItemContentRouteTests
{
    [Fact]
    public async Task A_new_item_takes_a_slot_for_users_whose_history_shares_its_features_and_has_similar_items()
    {
        var server = await ServerHarness.StartAsync();
        try
        {
            foreach (var (prefix, genre) in new[] { ("a", "Sci-Fi"), ("b", "Comedy") })
            {
                for (var i = 1; i <= 3; i++)
                {
                    (await server.Client.PutAsJsonAsync($"/v1/items/{prefix}{i}", new { attributes = new { tags = new { genres = new[] { genre } } } })).EnsureSuccessStatusCode();
                }
            }

            await server.SeedAsync();
            await server.TrainAsync("item-knn");
            (await server.Client.PutAsJsonAsync("/v1/items/space-new", new { attributes = new { tags = new { genres = new[] { "Sci-Fi" } } } })).EnsureSuccessStatusCode();

            // u1 saw a1 and a2 (Sci-Fi): the model's a3 first, the new Sci-Fi item in the last slot.
            var u1 = await server.RecommendAsync("u1", "count=2");
            Assert.Equal(["a3", "space-new"], ServerHarness.Items(u1));
            var slot = u1.GetProperty("items")[1];
            Assert.Equal("newItem", slot.GetProperty("rules")[0].GetString());
            // Same genre as both history items: cosine 1 with each, mean 1.
            Assert.Equal(1f, slot.GetProperty("score").GetSingle(), 5);

            // u4 saw only Comedy: nothing in common, so the model keeps every slot; newItems=0 turns the route off.
            Assert.DoesNotContain("space-new", ServerHarness.Items(await server.RecommendAsync("u4", "count=2")));
            Assert.DoesNotContain("space-new", ServerHarness.Items(await server.RecommendAsync("u1", "count=2&newItems=0")));

            var similar = await server.Client.GetFromJsonAsync<JsonElement>("/v1/items/space-new/similar?count=5");
            Assert.Equal(["a1", "a2", "a3"], ServerHarness.Items(similar));

            // Hiding it takes it off the shelf at once.
            (await server.Client.PutAsJsonAsync("/v1/items/space-new", new { hidden = true, attributes = new { tags = new { genres = new[] { "Sci-Fi" } } } })).EnsureSuccessStatusCode();
            Assert.DoesNotContain("space-new", ServerHarness.Items(await server.RecommendAsync("u1", "count=2")));
        }
        finally
        {
            await server.DisposeAsync();
            ServerHarness.Delete(server.Folder);
        }
    }
}
