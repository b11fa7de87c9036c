using Affinity.Core.Engine;
using static Affinity.Core.Tests.Engine.EngineFixture;

namespace Affinity.Core.Tests.Engine;

public sealed class HistoryItemsTests
{
    [Fact]
    public void History_items_are_the_training_row_then_new_live_items_each_once_and_nothing_after_forgetting()
    {
        var (_, engine) = NewEngine();

        // u0 trained on i0, i1; live i1 again (already there) and i5.
        engine.AddEvent("u0", "i1", 1f, null, Now, Sequence + 1);
        engine.AddEvent("u0", "i5", 1f, null, Now, Sequence + 2);
        Assert.Equal(["i0", "i1", "i5"], engine.HistoryItems("u0"));
        Assert.Empty(engine.HistoryItems("stranger"));

        engine.ForgetUser("u0", Sequence + 3);
        Assert.Empty(engine.HistoryItems("u0"));
        engine.AddEvent("u0", "i4", 1f, null, Now, Sequence + 4);
        Assert.Equal(["i4"], engine.HistoryItems("u0"));
    }
}
