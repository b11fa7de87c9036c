using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;
using Affinity.Core.Demo;
using Affinity.Core.Engine;
using Affinity.Core.Recommending;
using Affinity.Models;
using BenchmarkDotNet.Attributes;

namespace Affinity.Benchmarks;

/// <summary>
/// One <see cref="RecommendationEngine"/> request on an ML-100K-sized model (synthetic 943 users x
/// 1,682 items x 100k interactions, implicit ALS with 64 factors, every item given a genre out of 18
/// and a release year): the model's own top-10, the same with every rule (genre filter, boost, pin,
/// exclude list, freshness decay, MMR diversity at λ = 0.7, with and without explanations), fold-in of a user with
/// live events, and the popularity fallback. Allocations are reported; single-threaded.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private static readonly string[] Genres =
        ["Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
         "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"];

    private RecommendationEngine _engine = null!;
    private EngineRequest _plain = null!;
    private EngineRequest _rules = null!;
    private EngineRequest _rulesUnexplained = null!;
    private EngineRequest _foldIn = null!;
    private EngineRequest _fallback = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = SyntheticInteractions.Generate(SyntheticShape.MovieLens100K);
        var model = ModelCatalog.Default.Create("als", """{"factors":64}""");
        model.Fit(data, FitContext.Default);
        var now = 1_700_000_000L;
        var published = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < data.ItemCount; i++)
        {
            published[data.Items[i]] = now - (i * 86_400L);
        }

        var catalog = new ItemCatalog(data.Items, Attributes(data.Items), hidden: [data.Items[3]], unavailable: [data.Items[5]], published: published);
        _engine = new RecommendationEngine(new ServingSnapshot(model, data, 0, catalog));
        var user = data.Users[0];
        _plain = new EngineRequest(user, 10);
        _rules = _plain with
        {
            Filters = [ItemFilter.Parse("genres=Comedy|Drama|Action|Thriller")],
            Boosts = [new ItemBoost(ItemFilter.Parse("year=1990..1999"), multiply: 1.2f)],
            Pins = [new ItemPin(data.Items[7], 2)],
            Exclude = [data.Items[1], data.Items[2], "unknown"],
            FreshnessHalfLife = TimeSpan.FromDays(365),
            Now = now,
            Diversity = 0.7,
            Explain = true,
        };
        _rulesUnexplained = _rules with { Explain = false };
        var liveUser = data.Users[1];
        for (var k = 0; k < 5; k++)
        {
            _engine.AddEvent(liveUser, data.Items[10 + k], 1f, "view", now, 1 + k);
        }

        _foldIn = new EngineRequest(liveUser, 10);
        _fallback = new EngineRequest("nobody", 10);
    }

    [Benchmark(Baseline = true)]
    public int ModelTop10() => _engine.Recommend(_plain).Items.Count;

    [Benchmark]
    public int ModelTop10WithEveryRule() => _engine.Recommend(_rules).Items.Count;

    /// <summary>The same without explanations: ALS explains each item with a Cholesky solve of the user's weighted Gram matrix.</summary>
    [Benchmark]
    public int ModelTop10WithEveryRuleButExplain() => _engine.Recommend(_rulesUnexplained).Items.Count;

    [Benchmark]
    public int FoldInTop10() => _engine.Recommend(_foldIn).Items.Count;

    [Benchmark]
    public int FallbackTop10() => _engine.Recommend(_fallback).Items.Count;

    private static AttributeTable Attributes(IdMap items)
    {
        var n = items.Count;
        var rows = new int[n];
        var genres = new int[n];
        var weights = new float[n];
        var years = new double[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = i;
            genres[i] = i % Genres.Length;
            weights[i] = 1f;
            years[i] = 1930 + (i % 70);
        }

        var vocabulary = IdMap.FromIds(Genres);
        return new AttributeTable(n, [
            new TagsColumn("genres", vocabulary, CsrMatrix.FromCoordinates(n, vocabulary.Count, rows, genres, weights)),
            new NumericColumn("year", years),
        ]);
    }
}
