namespace Affinity.Storage.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Items_round_trip_typed_attributes_and_flags()
    {
        var toyStory = Movie("Animation", ["kids", "pixar", "kids"], 1995, "Toy Story\nthe first one");
        var odd = new EntityAttributes(numeric: new Dictionary<string, double> { ["price"] = 0.1 + 0.2, ["tiny"] = 5e-324, ["huge"] = -1.7e308 });
        await Store.Items.UpsertAsync(new ItemRecord("toy-story", toyStory), None);
        await Store.Items.UpsertManyAsync(
            [new ItemRecord("b-hidden", odd, Available: true, Hidden: true), new ItemRecord("a-gone", EntityAttributes.Empty, Available: false)],
            None);

        var got = await Store.Items.GetAsync("toy-story", None);
        var all = await All(Store.Items.ListAsync(None));

        Assert.Equal(new ItemRecord("toy-story", toyStory, true, false), got);
        Assert.Equal(["kids", "pixar", "kids"], got!.Attributes.Tags["tags"]);
        Assert.Equal(["a-gone", "b-hidden", "toy-story"], all.Select(i => i.Id));
        Assert.Equal((false, false), (all[0].Available, all[0].Hidden));
        Assert.Equal((true, true), (all[1].Available, all[1].Hidden));
        Assert.Equal(0.30000000000000004, all[1].Attributes.Numeric["price"]); // bit-exact doubles
        Assert.Equal(odd, all[1].Attributes);
        Assert.True(all[0].Attributes.IsEmpty);
        Assert.Null(await Store.Items.GetAsync("nope", None));
    }

    [Fact]
    public async Task Upserting_an_item_replaces_it_whole()
    {
        await Store.Items.UpsertAsync(new ItemRecord("x", Movie("Drama", ["old"], 1990, "Old")), None);
        var replacement = new ItemRecord("x", new EntityAttributes(text: new Dictionary<string, string> { ["title"] = "New" }), Available: false, Hidden: true);

        await Store.Items.UpsertAsync(replacement, None);

        Assert.Equal(replacement, await Store.Items.GetAsync("x", None));
        Assert.Single(await All(Store.Items.ListAsync(None)));
    }

    public static TheoryData<string, ItemRecord> BadItems => new()
    {
        { "id", new ItemRecord("", EntityAttributes.Empty) },
        { "attributes.numeric.year", new ItemRecord("i", new EntityAttributes(numeric: new Dictionary<string, double> { ["year"] = double.NaN })) },
        {
            "attributes.tags.genre",
            new ItemRecord("i", new EntityAttributes(
                categorical: new Dictionary<string, string> { ["genre"] = "x" },
                tags: new Dictionary<string, IReadOnlyList<string>> { ["genre"] = ["y"] }))
        },
        { "attributes.tags.tags", new ItemRecord("i", new EntityAttributes(tags: new Dictionary<string, IReadOnlyList<string>> { ["tags"] = [""] })) },
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public async Task A_bad_item_rejects_the_whole_upsert(string field, ItemRecord bad)
    {
        await Store.Items.UpsertAsync(new ItemRecord("kept", EntityAttributes.Empty), None);

        var e = await Record.ExceptionAsync(() => Store.Items.UpsertManyAsync([new ItemRecord("new", EntityAttributes.Empty), bad], None));

        AssertRejected(e!, field);
        Assert.Equal(["kept"], (await All(Store.Items.ListAsync(None))).Select(i => i.Id));
    }

    [Fact]
    public async Task Users_upsert_get_list_and_delete()
    {
        var attributes = new EntityAttributes(
            categorical: new Dictionary<string, string> { ["country"] = "NZ" },
            numeric: new Dictionary<string, double> { ["age"] = 34 });
        await Store.Users.UpsertAsync(new UserRecord("u2", EntityAttributes.Empty), None);
        await Store.Users.UpsertAsync(new UserRecord("u1", Movie("x", [], 1, "y")), None);
        await Store.Users.UpsertAsync(new UserRecord("u1", attributes), None);

        var u1 = await Store.Users.GetAsync("u1", None);
        var listed = await All(Store.Users.ListAsync(None));
        var deleted = await Store.Users.DeleteAsync("u2", None);
        var deletedAgain = await Store.Users.DeleteAsync("u2", None);

        Assert.Equal(new UserRecord("u1", attributes), u1);
        Assert.Equal(["u1", "u2"], listed.Select(u => u.Id));
        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Equal(["u1"], (await All(Store.Users.ListAsync(None))).Select(u => u.Id));
        AssertRejected((await Record.ExceptionAsync(() => Store.Users.UpsertAsync(new UserRecord("\t", attributes), None)))!, "id");
    }
}
