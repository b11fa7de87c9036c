using Affinity.Core.Cleaning;
using Affinity.Core.Data;
using Affinity.Testing;

namespace Affinity.Core.Tests.Cleaning;

public sealed class InteractionFiltersTests
{
    // u1: i1 i2; u2: i1 i2; u3: i3; u4: i3 i1.  Users 2 2 1 2, items i1 3, i2 2, i3 2.
    private static Dataset Chain()
    {
        var b = new DatasetBuilder("chain", FeedbackKind.Implicit);
        (string U, string I)[] rows = [("u1", "i1"), ("u1", "i2"), ("u2", "i1"), ("u2", "i2"), ("u3", "i3"), ("u4", "i3"), ("u4", "i1")];
        foreach (var (u, i) in rows)
        {
            b.Add(u, i, 1);
        }

        return b.Build();
    }

    [Fact]
    public void KCore_cascades_until_every_user_and_item_has_k()
    {
        var chain = Chain();

        var core = InteractionFilters.KCore(chain, 2, 2);

        // u3 (1) goes; then i3 has only u4 (1) and goes; then u4 has only i1 (1) and goes; i1 keeps 2.
        Assert.Equal(["u1 i1 1", "u1 i2 1", "u2 i1 1", "u2 i2 1"], Rows.Of(core));
        Rows.AssertSharesMaps(chain, core);
        Assert.Equal(4, core.UserCount); // dropped users keep their index
    }

    [Fact]
    public void One_pass_only_drops_what_is_rare_in_the_input()
    {
        var once = InteractionFilters.MinInteractions(Chain(), 2, 2);

        // Only u3 is below 2 at the start; i3 is left with one interaction.
        Assert.Equal(["u1 i1 1", "u1 i2 1", "u2 i1 1", "u2 i2 1", "u4 i3 1", "u4 i1 1"], Rows.Of(once));
        Assert.Equal(1, once.ItemCounts()[2]);
    }

    [Fact]
    public void User_and_item_thresholds_may_differ()
    {
        var chain = Chain();

        // Users >= 2 only: u3 goes, nothing cascades because items need just 1.
        Assert.Equal(6, InteractionFilters.KCore(chain, 2, 1).Count);

        // Items >= 3 only: i2 and i3 go, leaving u1 i1, u2 i1, u4 i1; i1 still has 3.
        Assert.Equal(["u1 i1 1", "u2 i1 1", "u4 i1 1"], Rows.Of(InteractionFilters.KCore(chain, 1, 3)));
        Assert.Equal(["u1 i1 1", "u2 i1 1", "u4 i1 1"], Rows.Of(InteractionFilters.MinInteractions(chain, 0, 3)));
    }

    [Fact]
    public void Zero_keeps_everything_and_a_large_k_keeps_nothing()
    {
        var tiny = TinyData.Ratings();

        Assert.Equal(Rows.Of(tiny), Rows.Of(InteractionFilters.KCore(tiny, 0, 0)));
        var empty = InteractionFilters.KCore(tiny, 4, 1);
        Assert.Equal(0, empty.Count);
        Assert.Equal(tiny.UserCount, empty.UserCount);
    }

    [Fact]
    public void Repeated_pairs_count_once_per_event()
    {
        var b = new DatasetBuilder("repeats", FeedbackKind.Implicit);
        b.Add("u1", "i1", 1);
        b.Add("u1", "i1", 1);
        b.Add("u2", "i2", 1);

        Assert.Equal(["u1 i1 1", "u1 i1 1"], Rows.Of(InteractionFilters.KCore(b.Build(), 2, 2)));
    }

    [Fact]
    public void KCore_equals_the_RecBole_loop_on_random_data()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 20; trial++)
        {
            var b = new DatasetBuilder("random", FeedbackKind.Implicit);
            var n = random.Next(0, 400);
            for (var e = 0; e < n; e++)
            {
                // Skewed ids give both dense and sparse users and items.
                var u = (int)(40 * random.NextDouble() * random.NextDouble());
                var i = (int)(30 * random.NextDouble() * random.NextDouble());
                b.Add($"u{u}", $"i{i}", 1);
            }

            var data = b.Build();
            var userK = random.Next(0, 8);
            var itemK = random.Next(0, 8);

            Assert.Equal(RecBoleLoop(data, userK, itemK), Rows.Of(InteractionFilters.KCore(data, userK, itemK)));
        }
    }

    [Fact]
    public void RemoveUsers_and_RemoveItems_drop_by_index()
    {
        var chain = Chain();

        Assert.Equal(["u3 i3 1", "u4 i3 1", "u4 i1 1"], Rows.Of(InteractionFilters.RemoveUsers(chain, [0, 1, 1])));
        Assert.Equal(["u1 i2 1", "u2 i2 1"], Rows.Of(InteractionFilters.RemoveItems(chain, [0, 2])));
        Assert.Equal(7, InteractionFilters.RemoveItems(chain, []).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => InteractionFilters.RemoveUsers(chain, [4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => InteractionFilters.RemoveItems(chain, [-1]));
    }

    [Fact]
    public void Negative_thresholds_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InteractionFilters.KCore(Chain(), -1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => InteractionFilters.MinInteractions(Chain(), 2, -1));
    }

    /// <summary>RecBole's filter: drop every row of a user or item below its minimum, repeat until none drops.</summary>
    private static string[] RecBoleLoop(Dataset data, int userK, int itemK)
    {
        var alive = Enumerable.Range(0, data.Count).ToList();
        while (true)
        {
            var users = alive.GroupBy(i => data.UserIndexes[i]).ToDictionary(g => g.Key, g => g.Count());
            var items = alive.GroupBy(i => data.ItemIndexes[i]).ToDictionary(g => g.Key, g => g.Count());
            var next = alive.Where(i => users[data.UserIndexes[i]] >= userK && items[data.ItemIndexes[i]] >= itemK).ToList();
            if (next.Count == alive.Count)
            {
                return Rows.Of(data.Subset(next.ToArray()));
            }

            alive = next;
        }
    }
}
