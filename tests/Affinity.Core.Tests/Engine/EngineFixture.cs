using Affinity.Core.Data;
using Affinity.Core.Engine;
using Affinity.Core.Recommending;

namespace Affinity.Core.Tests.Engine;

/// <summary>
/// Eight items i0..i7 and five users, trained up to sequence 10:
/// <code>
/// item  genres         year  brand   users (value 1)
/// i0    Comedy         1990  A       u0 u2 u3
/// i1    Comedy|Drama   1995  A       u0
/// i2    Drama          2000  B       u1
/// i3    Action         2005  B       u1
/// i4    Comedy         2010  C       u2
/// i5    Action|Drama   2015  C
/// i6    Comedy         2020  A       u2
/// i7    Drama          1985  B
/// </code>
/// u4 is registered with no interactions. With <see cref="LineModel"/> (descending bias
/// 0.08, 0.07, ..., 0.01), u0's unseen items score i2 = 0.06 + 1 (next to i1) = 1.06, i3 = 0.05,
/// i4 = 0.04, i5 = 0.03, i6 = 0.02, i7 = 0.01.
/// </summary>
internal static class EngineFixture
{
    public const long Sequence = 10;

    public static readonly long Now = 1_700_000_000;

    public static Dataset TrainingData(FeedbackKind kind = FeedbackKind.Implicit)
    {
        var b = new DatasetBuilder("engine", kind);
        string[][] genres = [["Comedy"], ["Comedy", "Drama"], ["Drama"], ["Action"], ["Comedy"], ["Action", "Drama"], ["Comedy"], ["Drama"]];
        int[] years = [1990, 1995, 2000, 2005, 2010, 2015, 2020, 1985];
        string[] brands = ["A", "A", "B", "B", "C", "C", "A", "B"];
        for (var i = 0; i < 8; i++)
        {
            var id = Item(i);
            b.AddItem(id);
            foreach (var g in genres[i])
            {
                b.ItemAttributes.AddTag(id, "genres", g);
            }

            b.ItemAttributes.SetNumeric(id, "year", years[i]);
            b.ItemAttributes.SetCategorical(id, "brand", brands[i]);
        }

        (string U, int I)[] rows = [("u0", 0), ("u0", 1), ("u1", 2), ("u1", 3), ("u2", 0), ("u2", 4), ("u2", 6), ("u3", 0)];
        foreach (var (u, i) in rows)
        {
            b.Add(u, Item(i), 1f);
        }

        b.AddUser("u4");
        return b.Build();
    }

    public static string Item(int i) => FormattableString.Invariant($"i{i}");

    public static (LineModel Model, ServingSnapshot Snapshot) NewSnapshot(
        Dataset? data = null, bool ascending = false, long sequence = Sequence, string? version = null, Func<Dataset, ItemCatalog>? catalog = null, IItemSimilarity? similarity = null)
    {
        data ??= TrainingData();
        var model = new LineModel(ascending);
        model.Fit(data, FitContext.Default);
        return (model, new ServingSnapshot(model, data, sequence, catalog?.Invoke(data), version, similarity));
    }

    public static (LineModel Model, RecommendationEngine Engine) NewEngine(Func<Dataset, ItemCatalog>? catalog = null, IItemSimilarity? similarity = null)
    {
        var (model, snapshot) = NewSnapshot(catalog: catalog, similarity: similarity);
        return (model, new RecommendationEngine(snapshot));
    }

    public static string Ids(EngineResult result) => Ids(result.Items);

    public static string Ids(IReadOnlyList<EngineItem> items) => string.Join(' ', items.Select(i => i.ItemId));

    /// <summary>Brand equality: 1 for the same brand, else 0 (a hand-checkable diversity similarity).</summary>
    public sealed class SameBrand : IItemSimilarity
    {
        private static readonly string[] Brands = ["A", "A", "B", "B", "C", "C", "A", "B"];

        public float Similarity(int first, int second) => Brands[first] == Brands[second] ? 1f : 0f;
    }
}
