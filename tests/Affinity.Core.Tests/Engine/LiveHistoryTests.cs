using Affinity.Core.Data;
using Affinity.Core.Engine;
using static Affinity.Core.Tests.Engine.EngineFixture;

namespace Affinity.Core.Tests.Engine;

public sealed class LiveHistoryTests
{
    [Fact]
    public void A_training_user_without_events_is_served_by_the_model_itself()
    {
        var (model, engine) = NewEngine();

        var result = engine.Recommend(new EngineRequest("u0", 3));

        // u0 saw i0, i1: i2 = 0.06 + 1 = 1.06, then the biases i3 0.05, i4 0.04.
        Assert.Equal(ServingRoute.Model, result.Route);
        Assert.Equal("i2 i3 i4", Ids(result));
        Assert.Equal(1.06f, result.Items[0].Score, 5);
        Assert.Equal([0, 1, 2], result.Items.Select(i => i.Rank));
        Assert.Equal(0, model.FoldIns);
    }

    [Fact]
    public void A_new_event_changes_the_next_recommendations_through_fold_in()
    {
        var (model, engine) = NewEngine();

        Assert.True(engine.AddEvent("u0", "i5", 1f, "view", Now, Sequence + 1));
        var result = engine.Recommend(new EngineRequest("u0", 3));

        // History i0, i1, i5: i2 = 0.06 + 1, i4 = 0.04 + 1 and i6 = 0.02 + 1 (both next to i5).
        Assert.Equal(ServingRoute.FoldIn, result.Route);
        Assert.Equal("i2 i4 i6", Ids(result));
        Assert.Equal([1.06f, 1.04f, 1.02f], result.Items.Select(i => MathF.Round(i.Score, 5)));
        Assert.Equal("0=1 1=1 5=1", model.LastHistory);
    }

    [Fact]
    public void A_new_user_with_events_is_folded_in_and_without_them_gets_popularity()
    {
        var (_, engine) = NewEngine();

        var before = engine.Recommend(new EngineRequest("newcomer", 3));
        engine.AddEvent("newcomer", "i3", 1f, null, Now, Sequence + 1);
        var after = engine.Recommend(new EngineRequest("newcomer", 3));

        // Popularity: i0 has 3 interactions, then i1, i2 with 1 each (ties to the lower index).
        Assert.Equal(ServingRoute.Fallback, before.Route);
        Assert.Equal("i0 i1 i2", Ids(before));
        // History i3: i2 = 0.06 + 1, i4 = 0.04 + 1, then i0 = 0.08.
        Assert.Equal(ServingRoute.FoldIn, after.Route);
        Assert.Equal("i2 i4 i0", Ids(after));
    }

    [Fact]
    public void A_known_user_without_training_history_gets_the_models_fallback()
    {
        var (_, engine) = NewEngine();

        var result = engine.Recommend(new EngineRequest("u4", 2));

        Assert.Equal(ServingRoute.Fallback, result.Route);
        Assert.Equal("i0 i1", Ids(result));
    }

    [Fact]
    public void Implicit_events_add_up_with_the_training_values()
    {
        var (model, engine) = NewEngine();

        engine.AddEvent("u0", "i1", 2f, null, Now, 11);
        engine.AddEvent("u0", "i1", 0.5f, null, Now, 12);
        engine.Recommend(new EngineRequest("u0", 1));

        // Training i1 = 1, plus 2 and 0.5.
        Assert.Equal("0=1 1=3.5", model.LastHistory);
    }

    [Fact]
    public void A_rating_replaces_the_earlier_rating_of_the_same_item()
    {
        var data = TrainingData(FeedbackKind.Explicit);
        var (model, snapshot) = NewSnapshot(data);
        var engine = new RecommendationEngine(snapshot);

        // Added out of order: the higher sequence is the later opinion.
        engine.AddEvent("u0", "i1", 2f, null, Now, 13);
        engine.AddEvent("u0", "i1", 4f, null, Now, 12);
        engine.Recommend(new EngineRequest("u0", 1));

        Assert.Equal("0=1 1=2", model.LastHistory);
    }

    [Fact]
    public void Events_the_snapshot_already_holds_are_refused()
    {
        var (_, engine) = NewEngine();

        Assert.False(engine.AddEvent("u0", "i5", 1f, null, Now, Sequence));
        Assert.Empty(engine.LiveEvents("u0"));
        Assert.Equal(ServingRoute.Model, engine.Recommend(new EngineRequest("u0", 3)).Route);
    }

    [Fact]
    public void Events_on_unknown_items_are_kept_but_pending_until_the_next_snapshot()
    {
        var (_, engine) = NewEngine();

        engine.AddEvent("u0", "brand-new", 1f, null, Now, 11);
        engine.AddEvent("u0", "brand-new", 1f, null, Now, 12);
        var result = engine.Recommend(new EngineRequest("u0", 3));

        Assert.Equal(2, engine.LiveEvents("u0").Count);
        Assert.Equal(1, result.PendingLiveItems);
        Assert.Equal(ServingRoute.Model, result.Route);
        Assert.Equal("i2 i3 i4", Ids(result));
    }

    [Fact]
    public void Forgetting_a_user_serves_them_as_new_at_once_and_drops_their_events()
    {
        var (model, engine) = NewEngine();
        engine.AddEvent("u2", "i7", 1f, null, Now, 11);

        Assert.True(engine.ForgetUser("u2", 12));
        var result = engine.Recommend(new EngineRequest("u2", 3));

        // u2 trained on i0, i4, i6; forgotten, nothing of it counts: popularity, i0 not excluded as seen.
        Assert.Equal(ServingRoute.Fallback, result.Route);
        Assert.Equal("i0 i1 i2", Ids(result));
        Assert.Empty(engine.LiveEvents("u2"));
        Assert.False(engine.AddEvent("u2", "i7", 1f, null, Now, 12));

        // A later event starts a new history without the training one.
        Assert.True(engine.AddEvent("u2", "i7", 1f, null, Now, 13));
        var again = engine.Recommend(new EngineRequest("u2", 1));
        Assert.Equal(ServingRoute.FoldIn, again.Route);
        Assert.Equal("7=1", model.LastHistory);
    }

    [Fact]
    public void Forgetting_holds_across_older_snapshots_and_lifts_for_one_trained_after_it()
    {
        var (_, engine) = NewEngine();
        engine.ForgetUser("u2", 15);

        var (_, older) = NewSnapshot(sequence: 12);
        engine.Activate(older);
        Assert.Equal(ServingRoute.Fallback, engine.Recommend(new EngineRequest("u2", 3)).Route);

        // A snapshot trained up to 15 holds only what the store kept after the deletion.
        var (_, retrained) = NewSnapshot(sequence: 15);
        engine.Activate(retrained);
        Assert.Equal(ServingRoute.Model, engine.Recommend(new EngineRequest("u2", 3)).Route);
    }

    [Fact]
    public void Forgetting_reports_whether_there_was_anything_to_forget()
    {
        var (_, engine) = NewEngine();

        Assert.False(engine.ForgetUser("stranger", 11));
        Assert.True(engine.ForgetUser("u1", 11));
    }

    [Fact]
    public void Without_excluding_seen_items_the_history_can_come_back()
    {
        var (_, engine) = NewEngine();

        var result = engine.Recommend(new EngineRequest("u0", 3) { ExcludeSeen = false });

        // i0 = 0.08 + 1 (next to i1), i1 = 0.07 + 1 (next to i0), i2 = 0.06 + 1.
        Assert.Equal("i0 i1 i2", Ids(result));
    }
}
