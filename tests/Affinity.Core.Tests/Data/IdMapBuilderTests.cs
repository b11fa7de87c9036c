using Affinity.Core.Data;

namespace Affinity.Core.Tests.Data;

public sealed class IdMapBuilderTests
{
    [Fact]
    public void GetOrAdd_assigns_indexes_in_first_seen_order()
    {
        var builder = new IdMapBuilder();

        Assert.Equal(0, builder.GetOrAdd("x"));
        Assert.Equal(1, builder.GetOrAdd("y"));
        Assert.Equal(0, builder.GetOrAdd("x"));
        Assert.Equal(2, builder.Count);
        Assert.True(builder.Contains("y"));
        Assert.Equal(["x", "y"], builder.Build().Ids);
    }

    [Fact]
    public void A_built_map_is_a_snapshot()
    {
        var builder = new IdMapBuilder();
        builder.GetOrAdd("x");
        var first = builder.Build();

        builder.GetOrAdd("y");

        Assert.Equal(1, first.Count);
        Assert.Equal(-1, first.IndexOf("y"));
        Assert.Equal(1, builder.Build().IndexOf("y"));
    }

    [Fact]
    public void Starting_from_a_map_keeps_its_indexes()
    {
        var builder = new IdMapBuilder(IdMap.FromIds(["p", "q"]));

        Assert.Equal(1, builder.GetOrAdd("q"));
        Assert.Equal(2, builder.GetOrAdd("r"));
        Assert.Equal(["p", "q", "r"], builder.Build().Ids);
    }

    [Fact]
    public void A_null_id_throws()
    {
        Assert.Throws<ArgumentNullException>(() => new IdMapBuilder().GetOrAdd(null!));
    }
}
