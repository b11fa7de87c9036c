using Affinity.Core.Cleaning;
using Affinity.Core.Data;
using Affinity.Testing;

namespace Affinity.Core.Tests.Cleaning;

public sealed class DeduplicationTests
{
    // (u1,i1) has events 0, 2, 4 with values 1, 3, 2 at t 30, 10, 30 (a timestamp tie);
    // (u1,i2) has one event; (u2,i1) has events 3, 5 with values 2, 4 at t 20, 5.
    private static Dataset Log(bool withTimestamps = true)
    {
        var b = new DatasetBuilder("log", FeedbackKind.Explicit);
        (string U, string I, float V, long T, string E)[] rows =
        [
            ("u1", "i1", 1, 30, "view"),
            ("u1", "i2", 5, 10, "click"),
            ("u1", "i1", 3, 10, "cart"),
            ("u2", "i1", 2, 20, "view"),
            ("u1", "i1", 2, 30, "purchase"),
            ("u2", "i1", 4, 5, "click"),
        ];
        foreach (var (u, i, v, t, e) in rows)
        {
            b.Add(u, i, v, withTimestamps ? t : null, e);
        }

        return b.Build();
    }

    [Theory]
    // Aggregates keep the latest event: (u1,i1) ties at t30 between events 0 and 4, the later input (4, purchase) wins.
    [InlineData(DuplicatePolicy.Sum, "u1 i1 6 t30 purchase", "u1 i2 5 t10 click", "u2 i1 6 t20 view")] // 1+3+2, 2+4
    [InlineData(DuplicatePolicy.Mean, "u1 i1 2 t30 purchase", "u1 i2 5 t10 click", "u2 i1 3 t20 view")] // 6/3, 6/2
    [InlineData(DuplicatePolicy.Max, "u1 i1 3 t30 purchase", "u1 i2 5 t10 click", "u2 i1 4 t20 view")]
    [InlineData(DuplicatePolicy.Min, "u1 i1 1 t30 purchase", "u1 i2 5 t10 click", "u2 i1 2 t20 view")]
    [InlineData(DuplicatePolicy.Count, "u1 i1 3 t30 purchase", "u1 i2 1 t10 click", "u2 i1 2 t20 view")]
    // First/Last keep the chosen event whole: earliest (t10 cart, t5 click) and latest (t30 purchase, t20 view).
    [InlineData(DuplicatePolicy.First, "u1 i1 3 t10 cart", "u1 i2 5 t10 click", "u2 i1 4 t5 click")]
    [InlineData(DuplicatePolicy.Last, "u1 i1 2 t30 purchase", "u1 i2 5 t10 click", "u2 i1 2 t20 view")]
    public void Deduplicate_aggregates_each_pair_by_the_policy(DuplicatePolicy policy, params string[] expected)
    {
        var log = Log();

        var clean = Deduplication.Deduplicate(log, policy);

        Assert.Equal(expected, Rows.Of(clean));
        Assert.False(clean.HasRepeatedPairs);
        Rows.AssertSharesMaps(log, clean);
        Assert.Equal(6, log.Count);
    }

    [Theory]
    // Without timestamps, first and last follow input order: (u1,i1) events 0 and 4, (u2,i1) events 3 and 5.
    [InlineData(DuplicatePolicy.First, "u1 i1 1 view", "u1 i2 5 click", "u2 i1 2 view")]
    [InlineData(DuplicatePolicy.Last, "u1 i1 2 purchase", "u1 i2 5 click", "u2 i1 4 click")]
    [InlineData(DuplicatePolicy.Sum, "u1 i1 6 purchase", "u1 i2 5 click", "u2 i1 6 click")]
    public void Without_timestamps_input_order_decides(DuplicatePolicy policy, params string[] expected)
    {
        Assert.Equal(expected, Rows.Of(Deduplication.Deduplicate(Log(withTimestamps: false), policy)));
    }

    [Fact]
    public void Count_makes_implicit_feedback_and_the_others_keep_the_kind()
    {
        Assert.Equal(FeedbackKind.Implicit, Deduplication.Deduplicate(Log(), DuplicatePolicy.Count).Kind);
        Assert.Equal(FeedbackKind.Explicit, Deduplication.Deduplicate(Log(), DuplicatePolicy.Mean).Kind);
    }

    [Fact]
    public void A_dataset_without_repeats_comes_back_unchanged()
    {
        var tiny = TinyData.Ratings();

        var clean = Deduplication.Deduplicate(tiny, DuplicatePolicy.Mean);

        Assert.Equal(Rows.Of(tiny), Rows.Of(clean));
    }

    [Fact]
    public void An_unknown_policy_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Deduplication.Deduplicate(Log(), (DuplicatePolicy)99));
    }
}
