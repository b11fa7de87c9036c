using System.Net.Http.Json;
using System.Text.Json;
using Affinity.Core.Data;
using Affinity.Server.Serving;

namespace Affinity.Server.Tests.Serving;

/// <summary>The training job's holdout measurement: the split, the two metrics by hand, and the metrics in the registry.</summary>
public sealed class HoldoutEvaluationTests
{
    [Fact]
    public void Recall_and_ndcg_match_the_hand_computed_values()
    {
        // Held out {3, 7}; ranked [7, 1, 3, 9]: hits at ranks 0 and 2.
        int[] ranked = [7, 1, 3, 9];
        int[] relevant = [3, 7];
        // Recall@10 = 2 / 2 = 1; Recall@2 = 1 / 2.
        Assert.Equal(1.0, HoldoutEvaluation.Recall(ranked, relevant, 10), 12);
        Assert.Equal(0.5, HoldoutEvaluation.Recall(ranked, relevant, 2), 12);
        // DCG@10 = 1/log2(2) + 1/log2(4) = 1 + 0.5 = 1.5; IDCG = 1 + 1/log2(3) = 1.6309297535714575.
        Assert.Equal(1.5 / (1 + (1 / Math.Log2(3))), HoldoutEvaluation.Ndcg(ranked, relevant, 10), 12);
        Assert.Equal(0.919720, HoldoutEvaluation.Ndcg(ranked, relevant, 10), 5);
        // @2: DCG = 1, IDCG = 1.6309...: 0.6131471927654584.
        Assert.Equal(0.613147, HoldoutEvaluation.Ndcg(ranked, relevant, 2), 5);
        Assert.True(double.IsNaN(HoldoutEvaluation.Ndcg(ranked, [], 10)));
    }

    [Fact]
    public void The_split_holds_out_a_rounded_tenth_of_each_users_distinct_items_with_every_repeat()
    {
        var builder = new DatasetBuilder("split", FeedbackKind.Implicit);
        for (var i = 0; i < 15; i++)
        {
            builder.Add("many", $"i{i}", 1);
            builder.Add("many", $"i{i}", 1); // Each item twice: a repeat must follow its item into test.
        }

        for (var i = 0; i < 5; i++)
        {
            builder.Add("few", $"i{i}", 1);
        }

        var data = builder.Build();
        var (train, test) = HoldoutEvaluation.Split(data, 0.1, seed: 7);
        var many = data.Users.IndexOf("many");
        var few = data.Users.IndexOf("few");
        // 15 × 0.1 = 1.5 rounds (half to even) to 2; 5 × 0.1 = 0.5 rounds to 0.
        Assert.Equal(2, test[many].Length);
        Assert.Empty(test[few]);
        // 30 + 5 events less the 2 × 2 of the two held-out items.
        Assert.Equal(31, train.Length);
        foreach (var k in train)
        {
            Assert.False(data.UserIndexes[k] == many && Array.IndexOf(test[many], data.ItemIndexes[k]) >= 0);
        }

        Assert.Equal(test[many], HoldoutEvaluation.Split(data, 0.1, seed: 7).Test[many]);
    }

    [Fact]
    public async Task A_training_job_stores_holdout_metrics_that_list_with_the_model_and_can_be_skipped()
    {
        var server = await ServerHarness.StartAsync();
        try
        {
            // Two tastes of ten items each; every user has seen all ten of theirs, so one of ten is held out
            // and a collaborative model should find it in its top 10 (only 10 unseen candidates exist at all).
            var events = new List<object>();
            for (var u = 0; u < 8; u++)
            {
                for (var i = 0; i < 10; i++)
                {
                    events.Add(new { userId = $"u{u}", itemId = (u < 4 ? "a" : "b") + i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                }
            }

            (await server.Client.PostAsJsonAsync("/v1/events", new { events })).EnsureSuccessStatusCode();
            await server.TrainAsync("item-knn");
            var skipped = await server.Client.PostAsJsonAsync("/v1/models/train", new { model = "popularity", evaluate = false });
            var job = await skipped.Content.ReadFromJsonAsync<JsonElement>();
            await WaitAsync(server, job.GetProperty("id").GetString()!);

            var models = await server.Client.GetFromJsonAsync<JsonElement>("/v1/models");
            var knn = models.EnumerateArray().Single(m => m.GetProperty("algorithm").GetString() == "item-knn");
            var evaluation = knn.GetProperty("metrics").GetProperty("evaluation");
            Assert.Equal(10, evaluation.GetProperty("cutoff").GetInt32());
            // 8 users × round(10 × 0.1) = 8 held-out pairs; each user's one missing item is in the top 10 of 11 unseen.
            Assert.Equal(8, evaluation.GetProperty("users").GetInt32());
            Assert.Equal(8, evaluation.GetProperty("testItems").GetInt32());
            Assert.Equal(1.0, evaluation.GetProperty("recall").GetDouble(), 9);
            Assert.InRange(evaluation.GetProperty("ndcg").GetDouble(), 0.3, 1.0);
            // The served model is fitted on everything: 80 interactions.
            Assert.Equal(80, knn.GetProperty("metrics").GetProperty("interactions").GetInt32());

            var popularity = models.EnumerateArray().Single(m => m.GetProperty("algorithm").GetString() == "popularity");
            var metrics = popularity.GetProperty("metrics");
            Assert.True(!metrics.TryGetProperty("evaluation", out var none) || none.ValueKind == JsonValueKind.Null);
        }
        finally
        {
            await server.DisposeAsync();
            ServerHarness.Delete(server.Folder);
        }
    }

    private static async Task WaitAsync(ServerHarness server, string id)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var job = await server.Client.GetFromJsonAsync<JsonElement>($"/v1/models/jobs/{id}");
            if (job.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                Assert.Equal("succeeded", job.GetProperty("status").GetString());
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The training job did not finish.");
    }
}
