using Affinity.Core.Cleaning;
using Affinity.Core.Data;
using Affinity.Core.Loading;
using Affinity.Testing;

namespace Affinity.Core.Tests.Cleaning;

/// <summary>
/// Real-data checks on ML-100K (100,000 ratings, 943 users, 1,682 items). The expected counts come
/// from a separate Python run of RecBole's loop (count, drop, repeat) over u.data.
/// </summary>
public sealed class MovieLensCleaningTests
{
    private static readonly Lazy<Dataset> Ratings = new(Load);

    [Fact]
    public void Ten_core_keeps_97953_ratings_of_943_users_and_1152_items()
    {
        var result = new CleaningPipeline([new KCoreStep(10, 10)]).Run(Ratings.Value);

        // Every user already has >= 20 ratings, so only the 530 items with < 10 ratings go, in one round.
        Assert.Equal(new CleaningStepReport(new KCoreStep(10, 10).Describe(), 100_000, 97_953, 943, 1_152), result.Steps[0]);
    }

    [Fact]
    public void Twenty_core_cascades_and_leaves_every_user_and_item_with_20()
    {
        var core = InteractionFilters.KCore(Ratings.Value, 20, 20);

        // Dropping items under 20 ratings pushes users below 20, which pushes more items below; 26 users go in all.
        Assert.Equal(94_443, core.Count);
        Assert.All(core.UserCounts(), c => Assert.True(c == 0 || c >= 20));
        Assert.All(core.ItemCounts(), c => Assert.True(c == 0 || c >= 20));
        Assert.Equal(917, core.UserCounts().Count(c => c > 0));
        Assert.Equal(937, core.ItemCounts().Count(c => c > 0));
        Assert.True(InteractionFilters.MinInteractions(Ratings.Value, 20, 20).Count > core.Count);
    }

    [Fact]
    public void Has_no_repeated_ratings_so_deduplication_changes_nothing()
    {
        var clean = Deduplication.Deduplicate(Ratings.Value, DuplicatePolicy.Last);

        Assert.Equal(100_000, clean.Count);
        Assert.Equal(Ratings.Value.Values.ToArray(), clean.Values.ToArray());
    }

    private static Dataset Load() => MovieLens100K.LoadRatingsFile(TestData.PathOf("ml-100k", "u.data"), "ml-100k");
}
