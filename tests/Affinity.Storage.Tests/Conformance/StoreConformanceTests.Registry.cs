using System.Text.Json.Nodes;

namespace Affinity.Storage.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    private static readonly TrainingSnapshot Trained = new(120, 100, 10, 20, "abc123");

    private static NewModel Model(string algorithm, ModelStatus status = ModelStatus.Ready, byte fill = 7)
        => new(algorithm, """{"factors": 8, "seed": 42}""", Trained, """{"ndcg@10": 0.25}""", ModelContent.FromBytes([fill, fill, 0, 255]), status);

    [Fact]
    public async Task Registry_keeps_every_field_and_the_model_file()
    {
        var a = await Store.Models.AddAsync(Model("als"), None);
        var b = await Store.Models.AddAsync(Model("ease", ModelStatus.Training) with { Content = ModelContent.FromPath("/models/ease.bin") }, None);

        var listed = await All(Store.Models.ListAsync(None));
        var info = await Store.Models.GetAsync(a, None);
        var bytes = await Store.Models.GetContentAsync(a, None);
        var path = await Store.Models.GetContentAsync(b, None);

        Assert.Equal([a, b], listed.Select(m => m.Id));
        Assert.Equal(("als", Trained, ModelStatus.Ready, (string?)null, 4L), (info!.Algorithm, info.Snapshot, info.Status, info.ContentPath, info.ContentLength));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"seed":42,"factors":8}"""), JsonNode.Parse(info.OptionsJson)));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"ndcg@10":0.25}"""), JsonNode.Parse(info.MetricsJson)));
        Assert.InRange(info.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal([7, 7, 0, 255], bytes!.Bytes!.Value.ToArray());
        Assert.Equal(("/models/ease.bin", 0L, ModelStatus.Training), (path!.Path, path.Length, listed[1].Status));
        Assert.Null(await Store.Models.GetAsync(999, None));
        Assert.Null(await Store.Models.GetContentAsync(999, None));
        Assert.Null(await Store.Models.GetActiveAsync(None));
    }

    [Fact]
    public async Task Activation_keeps_exactly_one_active_and_roll_back_walks_back()
    {
        var a = await Store.Models.AddAsync(Model("a"), None);
        var b = await Store.Models.AddAsync(Model("b"), None);
        var c = await Store.Models.AddAsync(Model("c"), None);

        await Store.Models.ActivateAsync(a, None);
        await Store.Models.ActivateAsync(b, None);
        await Store.Models.ActivateAsync(b, None); // again: no change, no extra history
        await Store.Models.ActivateAsync(c, None);
        var statuses = await Statuses();

        Assert.Equal([ModelStatus.Retired, ModelStatus.Retired, ModelStatus.Active], statuses);
        Assert.Equal(c, (await Store.Models.GetActiveAsync(None))!.Id);

        var back = await Store.Models.RollBackAsync(None);
        Assert.Equal(b, back.Id);
        Assert.Equal([ModelStatus.Retired, ModelStatus.Active, ModelStatus.Retired], await Statuses());

        var further = await Store.Models.RollBackAsync(None);
        Assert.Equal(a, further.Id);
        Assert.Equal([ModelStatus.Active, ModelStatus.Retired, ModelStatus.Retired], await Statuses());

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Models.RollBackAsync(None));
        Assert.Equal(a, (await Store.Models.GetActiveAsync(None))!.Id);
    }

    [Fact]
    public async Task Roll_back_skips_models_that_failed_since()
    {
        var a = await Store.Models.AddAsync(Model("a"), None);
        var b = await Store.Models.AddAsync(Model("b"), None);
        var c = await Store.Models.AddAsync(Model("c"), None);
        await Store.Models.ActivateAsync(a, None);
        await Store.Models.ActivateAsync(b, None);
        await Store.Models.ActivateAsync(c, None);
        await Store.Models.SetStatusAsync(b, ModelStatus.Failed, None);

        var back = await Store.Models.RollBackAsync(None);

        Assert.Equal(a, back.Id);
        Assert.Equal([ModelStatus.Active, ModelStatus.Failed, ModelStatus.Retired], await Statuses());
    }

    [Fact]
    public async Task Registry_refuses_what_would_break_its_rules()
    {
        var training = await Store.Models.AddAsync(Model("t", ModelStatus.Training), None);
        var failed = await Store.Models.AddAsync(Model("f", ModelStatus.Failed), None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Models.ActivateAsync(training, None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Models.ActivateAsync(failed, None));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.Models.ActivateAsync(999, None));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.Models.SetStatusAsync(999, ModelStatus.Ready, None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Models.SetStatusAsync(training, ModelStatus.Active, None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Models.AddAsync(Model("x", ModelStatus.Active), None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Models.RollBackAsync(None));
        AssertRejected((await Record.ExceptionAsync(() => Store.Models.AddAsync(Model("x") with { OptionsJson = "{not json" }, None)))!, "optionsJson");
        AssertRejected((await Record.ExceptionAsync(() => Store.Models.AddAsync(Model("x") with { MetricsJson = "[1]" }, None)))!, "metricsJson");
        AssertRejected((await Record.ExceptionAsync(() => Store.Models.AddAsync(Model(""), None)))!, "algorithm");

        await Store.Models.SetStatusAsync(training, ModelStatus.Ready, None);
        await Store.Models.ActivateAsync(training, None);
        Assert.Equal([ModelStatus.Active, ModelStatus.Failed], await Statuses());
    }

    private async Task<ModelStatus[]> Statuses() => [.. (await All(Store.Models.ListAsync(None))).Select(m => m.Status)];
}
