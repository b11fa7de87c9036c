using Affinity.Core.Engine;
using Affinity.Core.Profiles;
using Affinity.Core.Recommending;
using Affinity.Server.Hosting;
using Affinity.Server.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Affinity.Server.Api;

/// <summary>
/// The reads: <c>GET /v1/users/{id}/recommendations</c>, <c>/v1/items/{id}/similar</c>, <c>/v1/popular</c>
/// and <c>/v1/users/{id}/profile</c>. Query strings map onto <see cref="EngineRequest"/>.
/// </summary>
internal static class RecommendationsApi
{
    public const int MaxCount = 1000;

    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/users/{id}/recommendations", Recommend)
            .WithName("Recommend")
            .WithSummary("Top-N items for a user under the request's rules; an unknown user gets popularity, flagged.")
            .ProducesValidationProblem();
        routes.MapGet("/v1/items/{id}/similar", Similar).WithName("SimilarItems").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/v1/popular", Popular).WithName("PopularItems").ProducesValidationProblem();
        routes.MapGet("/v1/users/{id}/profile", ProfileAsync).WithName("UserProfile").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static Ok<RecommendationsView> Recommend(
        string id,
        ModelHost host,
        [FromQuery] string? count,
        [FromQuery] string[]? exclude,
        [FromQuery] string[]? include,
        [FromQuery] string[]? filter,
        [FromQuery] string? diversity,
        [FromQuery] string? explain,
        [FromQuery] string? excludeSeen,
        [FromQuery] string? maxReasons,
        [FromQuery] string? newItems)
    {
        var request = new EngineRequest(Validate.Id(id, "id"), Validate.Int(count, "count", 10, 1, MaxCount))
        {
            Exclude = NullIfEmpty(Validate.IdList(exclude, "exclude")),
            Include = NullIfEmpty(Validate.IdList(include, "include")),
            Filters = Filters(filter),
            Diversity = Validate.Double(diversity, "diversity", 0, 1),
            Explain = Validate.Bool(explain, "explain", false),
            ExcludeSeen = Validate.Bool(excludeSeen, "excludeSeen", true),
            MaxReasons = Validate.Int(maxReasons, "maxReasons", 3, 0, 20),
        };
        var snapshot = host.Engine.Snapshot;
        EngineResult result;
        try
        {
            result = host.Engine.Recommend(request);
        }
        catch (ArgumentException e)
        {
            throw ApiException.Invalid("filter", e.Message);
        }

        var fresh = NewItemsFor(host, request, Validate.Int(newItems, "newItems", 1, 0, MaxCount));
        var organic = Math.Min(result.Items.Count, request.Count - fresh.Count);
        var items = new RecommendedItem[organic + fresh.Count];
        for (var k = 0; k < organic; k++)
        {
            var item = result.Items[k];
            items[k] = new RecommendedItem(item.ItemId, item.Score, item.Rank, RuleNames(item.Rules), item.Explanation is { } why ? Explain(snapshot, why) : null);
        }

        for (var k = 0; k < fresh.Count; k++)
        {
            items[organic + k] = new RecommendedItem(fresh[k].ItemId, fresh[k].Score, organic + k, [NewItemRule], null);
        }

        var route = result.Route switch
        {
            ServingRoute.Model => "model",
            ServingRoute.FoldIn => "foldIn",
            _ => "fallback",
        };
        return TypedResults.Ok(new RecommendationsView(result.UserId, route, result.Route == ServingRoute.Fallback, result.SnapshotVersion, result.SnapshotSequence, result.PendingLiveItems, items));
    }

    /// <summary>The rule name of a slot given to an item added after the served model's snapshot.</summary>
    private const string NewItemRule = "newItem";

    /// <summary>
    /// The content route: up to <paramref name="slots"/> catalogue items the served model cannot score
    /// (added after its snapshot), ranked by feature likeness to the user's history, to take the list's
    /// last places. Skipped under filters and include lists, which only the snapshot's catalogue can check.
    /// </summary>
    private static IReadOnlyList<(string ItemId, float Score)> NewItemsFor(ModelHost host, EngineRequest request, int slots)
    {
        if (slots == 0 || request.Filters is { Count: > 0 } || request.Include is not null)
        {
            return [];
        }

        var shelf = host.NewItems;
        if (shelf.Count == 0)
        {
            return [];
        }

        var history = host.Engine.HistoryItems(request.UserId);
        var exclude = new HashSet<string>(request.Exclude ?? [], StringComparer.Ordinal);
        if (request.ExcludeSeen)
        {
            exclude.UnionWith(history);
        }

        return shelf.ForHistory(history, exclude, Math.Min(slots, request.Count));
    }

    private static async Task<Ok<ItemListView>> Similar(string id, ModelHost host, [FromQuery] string? count, [FromQuery] string[]? filter, CancellationToken cancellationToken)
    {
        var item = Validate.Id(id, "id");
        var n = Validate.Int(count, "count", 10, 1, MaxCount);
        var filters = Filters(filter);
        var snapshot = host.Engine.Snapshot;
        if (!snapshot.Items.TryGetIndex(item, out _) && await host.Store.Items.GetAsync(item, cancellationToken).ConfigureAwait(false) is null)
        {
            throw ApiException.NotFound($"There is no item '{item}'.");
        }

        try
        {
            if (!snapshot.Items.TryGetIndex(item, out _) && filters is null or { Length: 0 })
            {
                // An item added after the snapshot: alike by features (the content route).
                var alike = host.NewItems.Similar(item, n);
                var scored = new ScoredItem[alike.Count];
                for (var k = 0; k < scored.Length; k++)
                {
                    scored[k] = new ScoredItem(alike[k].ItemId, alike[k].Score, k);
                }

                return TypedResults.Ok(new ItemListView(snapshot.Version, scored));
            }

            return TypedResults.Ok(new ItemListView(snapshot.Version, Scored(host.Engine.Similar(item, n, filters))));
        }
        catch (ArgumentException e)
        {
            throw ApiException.Invalid("filter", e.Message);
        }
    }

    private static Ok<ItemListView> Popular(ModelHost host, [FromQuery] string? count, [FromQuery] string[]? filter)
    {
        var n = Validate.Int(count, "count", 10, 1, MaxCount);
        var filters = Filters(filter);
        try
        {
            return TypedResults.Ok(new ItemListView(host.Engine.Snapshot.Version, Scored(host.Engine.Popular(n, filters))));
        }
        catch (ArgumentException e)
        {
            throw ApiException.Invalid("filter", e.Message);
        }
    }

    /// <summary>The profile over the served cut of the store when it holds the user unchanged, else over the user's stored events.</summary>
    private static async Task<Ok<UserProfile>> ProfileAsync(string id, ModelHost host, CancellationToken cancellationToken)
    {
        var user = Validate.Id(id, "id");
        var served = host.Served;
        var live = host.Engine.LiveEvents(user);
        if (live.Count == 0 && served.Cut.Users.TryGetIndex(user, out var index))
        {
            return TypedResults.Ok(host.Profiles.Build(index));
        }

        var items = new List<int>();
        var values = new List<float>();
        var times = new List<long>();
        var any = false;
        await foreach (var e in host.Store.Events.ReadUserAsync(user, cancellationToken).ConfigureAwait(false))
        {
            any = true;
            if (served.Cut.Items.TryGetIndex(e.ItemId, out var item))
            {
                items.Add(item);
                values.Add(e.Value);
                times.Add(e.Timestamp.ToUnixTimeSeconds());
            }
        }

        if (!any && await host.Store.Users.GetAsync(user, cancellationToken).ConfigureAwait(false) is null)
        {
            throw ApiException.NotFound($"There is no user '{user}'.");
        }

        var profile = host.Profiles.Build(items.ToArray(), values.ToArray(), times.ToArray());
        return TypedResults.Ok(profile with { UserId = user });
    }

    private static ScoredItem[] Scored(IReadOnlyList<EngineItem> items)
    {
        var scored = new ScoredItem[items.Count];
        for (var k = 0; k < scored.Length; k++)
        {
            scored[k] = new ScoredItem(items[k].ItemId, items[k].Score, items[k].Rank);
        }

        return scored;
    }

    private static ItemFilter[]? Filters(string[]? texts)
    {
        if (texts is null || texts.Length == 0)
        {
            return null;
        }

        if (texts.Length > 32)
        {
            throw ApiException.Invalid("filter", "At most 32 filters.");
        }

        var filters = new ItemFilter[texts.Length];
        for (var k = 0; k < texts.Length; k++)
        {
            try
            {
                filters[k] = ItemFilter.Parse(texts[k]);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw ApiException.Invalid("filter", e.Message);
            }
        }

        return filters;
    }

    private static string[]? NullIfEmpty(string[] ids) => ids.Length == 0 ? null : ids;

    private static string[] RuleNames(AppliedRules rules)
    {
        if (rules == AppliedRules.None)
        {
            return [];
        }

        var names = new List<string>(4);
        foreach (var (flag, name) in (ReadOnlySpan<(AppliedRules, string)>)[(AppliedRules.Boosted, "boosted"), (AppliedRules.Decayed, "decayed"), (AppliedRules.Diversified, "diversified"), (AppliedRules.Pinned, "pinned")])
        {
            if (rules.HasFlag(flag))
            {
                names.Add(name);
            }
        }

        return [.. names];
    }

    private static ExplanationView Explain(ServingSnapshot snapshot, Explanation explanation)
    {
        var reasons = new ReasonView[explanation.Reasons.Count];
        for (var k = 0; k < reasons.Length; k++)
        {
            var r = explanation.Reasons[k];
            var item = (uint)r.Item < (uint)snapshot.ItemCount ? snapshot.Items[r.Item] : null;
            var kind = r.Kind switch
            {
                ReasonKind.HistoryItem => "historyItem",
                ReasonKind.Feature => "feature",
                ReasonKind.Popularity => "popularity",
                _ => "bias",
            };
            reasons[k] = new ReasonView(kind, r.Weight, item, r.Feature);
        }

        return new ExplanationView(explanation.Score, reasons);
    }
}
