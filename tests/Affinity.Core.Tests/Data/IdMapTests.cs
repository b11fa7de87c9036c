using Affinity.Core.Data;

namespace Affinity.Core.Tests.Data;

public sealed class IdMapTests
{
    [Fact]
    public void Ids_and_indexes_round_trip_in_input_order()
    {
        var map = IdMap.FromIds(["b", "a", "c"]);

        Assert.Equal(3, map.Count);
        Assert.Equal(["b", "a", "c"], map.Ids);
        for (var i = 0; i < map.Count; i++)
        {
            Assert.Equal(i, map.IndexOf(map[i]));
            Assert.True(map.TryGetIndex(map[i], out var index));
            Assert.Equal(i, index);
        }
    }

    [Fact]
    public void An_unknown_id_has_index_minus_1()
    {
        var map = IdMap.FromIds(["a"]);

        Assert.Equal(-1, map.IndexOf("b"));
        Assert.False(map.TryGetIndex("b", out _));
        Assert.False(map.Contains("b"));
        Assert.True(map.Contains("a"));
    }

    [Fact]
    public void Ids_are_case_sensitive()
    {
        var map = IdMap.FromIds(["a", "A"]);

        Assert.Equal(0, map.IndexOf("a"));
        Assert.Equal(1, map.IndexOf("A"));
    }

    [Fact]
    public void A_repeated_id_throws_and_names_it()
    {
        var error = Assert.Throws<ArgumentException>(() => IdMap.FromIds(["a", "b", "a"]));

        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void An_index_out_of_range_throws(int index)
    {
        var map = IdMap.FromIds(["a", "b"]);

        Assert.Throws<ArgumentOutOfRangeException>(() => map[index]);
    }

    [Fact]
    public void The_empty_map_is_empty()
    {
        Assert.Equal(0, IdMap.Empty.Count);
        Assert.Equal(-1, IdMap.Empty.IndexOf(""));
    }
}
