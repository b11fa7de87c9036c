using Affinity.Core.Engine;
using static Affinity.Core.Tests.Engine.EngineFixture;

namespace Affinity.Core.Tests.Engine;

/// <summary>u0's plain ranking is i2 (1.06), i3 (0.05), i4 (0.04), i5 (0.03), i6 (0.02), i7 (0.01); see <see cref="EngineFixture"/>.</summary>
public sealed class BusinessRuleTests
{
    [Fact]
    public void The_exclude_list_removes_items_and_ignores_unknown_ids()
    {
        var (_, engine) = NewEngine();

        var result = engine.Recommend(new EngineRequest("u0", 3) { Exclude = ["i2", "no-such-item"] });

        Assert.Equal("i3 i4 i5", Ids(result));
    }

    [Fact]
    public void The_include_list_keeps_only_its_items()
    {
        var (_, engine) = NewEngine();

        var result = engine.Recommend(new EngineRequest("u0", 3) { Include = ["i7", "i5", "i0", "no-such-item"] });

        // i0 is seen; i5 (0.03) before i7 (0.01).
        Assert.Equal("i5 i7", Ids(result));
    }

    [Fact]
    public void A_category_filter_keeps_matching_items_on_every_route()
    {
        var (_, engine) = NewEngine();
        var comedy = new[] { ItemFilter.Parse("genres=Comedy") };

        var model = engine.Recommend(new EngineRequest("u0", 3) { Filters = comedy });
        engine.AddEvent("u0", "i3", 1f, null, Now, 11);
        var foldIn = engine.Recommend(new EngineRequest("u0", 3) { Filters = comedy });
        var fallback = engine.Recommend(new EngineRequest("stranger", 3) { Filters = comedy });

        // Unseen comedies of u0: i4 (0.04), i6 (0.02); after i3, i4 = 1.04 still first.
        Assert.Equal("i4 i6", Ids(model));
        Assert.Equal("i4 i6", Ids(foldIn));
        // Popularity among comedies: i0 (3), i1 (1), i4 (1).
        Assert.Equal("i0 i1 i4", Ids(fallback));
    }

    [Fact]
    public void Filters_combine_and_ranges_are_inclusive()
    {
        var (_, engine) = NewEngine();

        var years = engine.Recommend(new EngineRequest("u0", 8) { Filters = [new RangeFilter("year", 2000, 2010)] });
        var both = engine.Recommend(new EngineRequest("u0", 8) { Filters = [ItemFilter.Parse("year=2000.."), ItemFilter.Parse("brand=B|C")] });

        Assert.Equal("i2 i3 i4", Ids(years));
        // Since 2000 and brand B or C: i2 (B), i3 (B), i4 (C), i5 (C); i6 is brand A.
        Assert.Equal("i2 i3 i4 i5", Ids(both));
    }

    [Fact]
    public void A_filter_on_a_field_the_catalogue_lacks_is_an_error()
    {
        var (_, engine) = NewEngine();

        Assert.Throws<ArgumentException>(() => engine.Recommend(new EngineRequest("u0", 3) { Filters = [ItemFilter.Parse("colour=red")] }));
        Assert.Throws<ArgumentException>(() => engine.Recommend(new EngineRequest("u0", 3) { Filters = [new RangeFilter("genres", 0, 1)] }));
        Assert.Throws<ArgumentException>(() => engine.Recommend(new EngineRequest("u0", 3) { Filters = [ItemFilter.Parse("year=recent")] }));
    }

    [Fact]
    public void A_value_filter_on_a_numeric_field_matches_equal_numbers()
    {
        var (_, engine) = NewEngine();

        Assert.Equal("i3 i5", Ids(engine.Recommend(new EngineRequest("u0", 3) { Filters = [ItemFilter.Parse("year=2005|2015.0")] })));
    }

    [Fact]
    public void A_value_no_item_has_matches_nothing()
    {
        var (_, engine) = NewEngine();

        Assert.Empty(engine.Recommend(new EngineRequest("u0", 3) { Filters = [ItemFilter.Parse("genres=Western")] }).Items);
    }

    [Fact]
    public void Boosts_multiply_and_add_and_are_reported()
    {
        var (_, engine) = NewEngine();

        var multiplied = engine.Recommend(new EngineRequest("u0", 3) { Boosts = [new ItemBoost(ItemFilter.Parse("genres=Action"), multiply: 10)] });
        var added = engine.Recommend(new EngineRequest("u0", 3) { Boosts = [new ItemBoost(ItemFilter.Parse("genres=Drama"), add: 2)] });

        // Action ×10: i3 = 0.5, i5 = 0.3 pass i4 (0.04).
        Assert.Equal("i2 i3 i5", Ids(multiplied));
        Assert.Equal(0.5f, multiplied.Items[1].Score, 5);
        Assert.Equal(AppliedRules.None, multiplied.Items[0].Rules);
        Assert.Equal(AppliedRules.Boosted, multiplied.Items[1].Rules);
        // Drama + 2: i2 = 3.06, i5 = 2.03, i7 = 2.01.
        Assert.Equal("i2 i5 i7", Ids(added));
        Assert.Equal(2.01f, added.Items[2].Score, 5);
    }

    [Fact]
    public void A_boost_can_promote_an_item_the_model_ranks_deep_on_the_model_route()
    {
        var (_, engine) = NewEngine();

        var result = engine.Recommend(new EngineRequest("u0", 1) { Boosts = [new ItemBoost(ItemFilter.Parse("year=1985"), add: 5)] });

        // i7 (0.01 + 5) is last of the model's list but inside the over-fetched candidates.
        Assert.Equal(ServingRoute.Model, result.Route);
        Assert.Equal("i7", Ids(result));
    }

    [Fact]
    public void Pins_take_their_positions_and_beat_filters_and_the_seen_rule()
    {
        var (_, engine) = NewEngine();

        var result = engine.Recommend(new EngineRequest("u0", 4)
        {
            Filters = [ItemFilter.Parse("genres=Action")],
            Pins = [new ItemPin("i0", 1), new ItemPin("i7", 0), new ItemPin("i6", 9), new ItemPin("unknown", 2)],
        });

        // Organic Action items i3, i5; i7 at 0, the seen i0 at 1; i6's position is past the count, unknown is ignored.
        Assert.Equal("i7 i0 i3 i5", Ids(result));
        Assert.Equal(AppliedRules.Pinned, result.Items[0].Rules);
        Assert.Equal(AppliedRules.Pinned, result.Items[1].Rules);
        Assert.Equal(AppliedRules.None, result.Items[2].Rules);
    }

    [Fact]
    public void A_pinned_item_keeps_its_adjusted_score_on_fold_in_and_is_not_repeated()
    {
        var (_, engine) = NewEngine();
        engine.AddEvent("u0", "i3", 1f, null, Now, 11);

        var result = engine.Recommend(new EngineRequest("u0", 3) { Pins = [new ItemPin("i2", 2)] });

        // Fold-in of i0, i1, i3: i2 = 0.06 + 1 + 1 = 2.06, i4 = 1.04, i5 = 0.03; i2 moves to position 2.
        Assert.Equal("i4 i5 i2", Ids(result));
        Assert.Equal(2.06f, result.Items[2].Score, 5);
    }

    [Fact]
    public void A_pin_beyond_a_short_list_lands_at_its_end()
    {
        var (_, engine) = NewEngine();

        var result = engine.Recommend(new EngineRequest("u0", 5) { Include = ["i4"], Pins = [new ItemPin("i7", 3)] });

        Assert.Equal("i4 i7", Ids(result));
    }

    [Fact]
    public void Hidden_and_unavailable_items_are_never_shown_whatever_the_rules_say()
    {
        var (_, engine) = NewEngine(d => new ItemCatalog(d.Items, d.ItemAttributes, hidden: ["i2", "i7"], unavailable: ["i5", "i0"]));

        var request = new EngineRequest("u0", 8)
        {
            Include = ["i2", "i3", "i5", "i7"],
            Boosts = [new ItemBoost(ItemFilter.Parse("genres=Drama"), add: 100)],
            Pins = [new ItemPin("i7", 0), new ItemPin("i5", 1), new ItemPin("i0", 2)],
        };
        var model = engine.Recommend(request);
        var fallback = engine.Recommend(request with { UserId = "stranger" });
        engine.AddEvent("u0", "i6", 1f, null, Now, 11);
        var foldIn = engine.Recommend(request with { Include = null });

        Assert.Equal("i3", Ids(model));
        Assert.Equal("i3", Ids(fallback));
        Assert.DoesNotContain(foldIn.Items, i => i.ItemId is "i0" or "i2" or "i5" or "i7");
        Assert.DoesNotContain(engine.Popular(8), i => i.ItemId is "i0" or "i2" or "i5" or "i7");
        Assert.DoesNotContain(engine.Similar("i6", 8), i => i.ItemId is "i0" or "i2" or "i5" or "i7");
    }

    [Fact]
    public void An_excluded_item_cannot_be_pinned()
    {
        var (_, engine) = NewEngine();

        var result = engine.Recommend(new EngineRequest("u0", 2) { Exclude = ["i7"], Pins = [new ItemPin("i7", 0)] });

        Assert.Equal("i2 i3", Ids(result));
    }

    [Fact]
    public void A_count_of_zero_returns_nothing_and_a_large_count_what_exists()
    {
        var (_, engine) = NewEngine();

        Assert.Empty(engine.Recommend(new EngineRequest("u0", 0) { Pins = [new ItemPin("i7", 0)] }).Items);
        Assert.Equal(6, engine.Recommend(new EngineRequest("u0", 100)).Items.Count);
    }
}
