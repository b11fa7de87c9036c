using System.Text.Json;
using Affinity.Core.Data;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;

namespace Affinity.Models.Hybrid;

/// <summary>
/// A switching hybrid (Burke, "Hybrid Recommender Systems: Survey and Experiments", UMUAI 2002):
/// three catalogue models, named in <see cref="RouterOptions"/>, each serving the users it knows
/// best, and every list flagged with the route it took (<see cref="RecommendationList.Route"/>).
/// </summary>
/// <remarks>
/// <para>Per user: with at least <see cref="RouterOptions.MinHistory"/> training interactions the warm
/// model is tried first, then the cold one; with fewer (or none) the cold model first, then the warm
/// one; a model is taken when it can score the user (<see cref="IItemScorer.CanScore"/>, or for other
/// models a list that is not its fallback), so a cold model that scores users from their attributes
/// serves users with no history at all. When neither can, the fallback model's list is returned, flagged
/// <see cref="RecommendationSource.Fallback"/>. Users beyond the training users take the fallback.</para>
/// <para>New items, those without training interactions, carry no collaborative signal, so on the warm
/// route the warm model ranks only the items it knows, the cold model ranks the new ones, and the two
/// lists are interleaved with <see cref="RouterOptions.NewItemShare"/> of the positions for new items
/// (0: after every known item). When every candidate of a request is new, the list is therefore the cold
/// model's ranking. In a list that mixes both models every item keeps its own model's score (the score its
/// explanation names); the scores share no scale, so the list's order is the router's ranking. The cold and
/// fallback routes return their model's list unchanged.</para>
/// <para>Fold-in routes by history length the same way among the members that implement
/// <see cref="IFoldIn"/>; an empty history, or no member that folds in, gets the fallback model's scores
/// for an unknown user. Fold-in returns one model's scores, with no new-item interleaving.
/// Explanations come from the member that placed the item; a member that cannot explain gives its score
/// and no reasons, and the fallback gives a popularity reason.</para>
/// <para>The members are saved as complete nested model files, as <c>Blend</c> does.</para>
/// </remarks>
public sealed class Router : IFoldIn, IExplainer, IPersistableModel
{
    /// <summary>The route of a user served by the warm model.</summary>
    public const string WarmRoute = "warm";

    /// <summary>The route of a user served by the cold model.</summary>
    public const string ColdRoute = "cold";

    /// <summary>The route of a user neither model can score.</summary>
    public const string FallbackRoute = "fallback";

    private readonly ModelCatalog _catalog;
    private RouterState? _state;

    /// <summary>Creates an unfitted router whose members come from <see cref="ModelCatalog.Default"/>.</summary>
    /// <exception cref="ArgumentException">A member names no registered model, or names the router itself.</exception>
    public Router(RouterOptions? options = null)
        : this(options ?? new RouterOptions(), ModelCatalog.Default)
    {
    }

    /// <summary>Creates an unfitted router whose members come from <paramref name="catalog"/>.</summary>
    /// <exception cref="ArgumentException">A member names no model of the catalogue, or names the router itself.</exception>
    public Router(RouterOptions options, ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var member in new[] { options.Warm, options.Cold, options.Fallback })
        {
            if (string.Equals(catalog.Get(member).Name, Name, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"A router cannot route to another router ('{member}').", nameof(options));
            }
        }

        Options = options;
        _catalog = catalog;
    }

    /// <summary>The options the router was created with.</summary>
    public RouterOptions Options { get; }

    /// <inheritdoc />
    object IPersistableModel.Options => Options;

    /// <inheritdoc />
    public string Name => "router";

    /// <inheritdoc />
    public bool IsFitted => _state is not null;

    /// <summary>The fitted warm model.</summary>
    /// <exception cref="InvalidOperationException">The router is not fitted.</exception>
    public IRecommender WarmModel => State.Warm;

    /// <summary>The fitted cold model.</summary>
    /// <exception cref="InvalidOperationException">The router is not fitted.</exception>
    public IRecommender ColdModel => State.Cold;

    /// <summary>The fitted fallback model.</summary>
    /// <exception cref="InvalidOperationException">The router is not fitted.</exception>
    public IRecommender FallbackModel => State.Fallback;

    private RouterState State => _state ?? throw new InvalidOperationException($"The model '{Name}' must be fitted first.");

    /// <inheritdoc />
    public void Fit(Dataset train, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(context);
        var warm = Create(Options.Warm, Options.WarmOptions);
        var cold = Create(Options.Cold, Options.ColdOptions);
        var fallback = Create(Options.Fallback, Options.FallbackOptions);
        warm.Fit(train, context);
        cold.Fit(train, context);
        fallback.Fit(train, context);
        _state = RouterState.Of(warm, cold, fallback, train.UserCounts(), train.ItemCounts());
    }

    /// <summary>The route <see cref="Recommend"/> takes for a user: <see cref="WarmRoute"/>, <see cref="ColdRoute"/> or <see cref="FallbackRoute"/>.</summary>
    /// <exception cref="InvalidOperationException">The router is not fitted.</exception>
    public string RouteOf(int user)
    {
        var state = State;
        if ((uint)user >= (uint)state.HistoryLengths.Length)
        {
            return FallbackRoute;
        }

        var warmFirst = state.HistoryLengths[user] >= Options.MinHistory;
        if (CanScore(warmFirst ? state.Warm : state.Cold, user))
        {
            return warmFirst ? WarmRoute : ColdRoute;
        }

        if (CanScore(warmFirst ? state.Cold : state.Warm, user))
        {
            return warmFirst ? ColdRoute : WarmRoute;
        }

        return FallbackRoute;
    }

    /// <summary>The route <see cref="ScoreHistory"/> takes for a history of <paramref name="historyLength"/> items.</summary>
    /// <exception cref="InvalidOperationException">The router is not fitted.</exception>
    public string FoldInRoute(int historyLength)
    {
        var state = State;
        if (historyLength <= 0)
        {
            return FallbackRoute;
        }

        var warmFirst = historyLength >= Options.MinHistory;
        if ((warmFirst ? state.Warm : state.Cold) is IFoldIn)
        {
            return warmFirst ? WarmRoute : ColdRoute;
        }

        if ((warmFirst ? state.Cold : state.Warm) is IFoldIn)
        {
            return warmFirst ? ColdRoute : WarmRoute;
        }

        return FallbackRoute;
    }

    /// <inheritdoc />
    public RecommendationList Recommend(RecommendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = State;
        var route = RouteOf(request.User);
        var list = route switch
        {
            WarmRoute => WarmList(state, request),
            ColdRoute => state.Cold.Recommend(request),
            _ => state.Fallback.Recommend(request) with { Source = RecommendationSource.Fallback },
        };
        return list with { Route = route };
    }

    /// <inheritdoc />
    public IReadOnlyList<RecommendationList> RecommendBatch(IReadOnlyList<RecommendRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        _ = State; // Fail before fanning out, so an unfitted router throws InvalidOperationException, not AggregateException.
        var results = new RecommendationList[requests.Count];
        Parallel.For(0, requests.Count, i => results[i] = Recommend(requests[i]));
        return results;
    }

    /// <inheritdoc />
    public void ScoreHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> scores)
    {
        var state = State;
        if (items.Length != values.Length)
        {
            throw new ArgumentException("Every history item needs a value.", nameof(values));
        }

        ScoreGuard.CheckLength(scores, state.ItemCount);
        switch (FoldInRoute(items.Length))
        {
            case WarmRoute:
                ((IFoldIn)state.Warm).ScoreHistory(items, values, scores);
                break;
            case ColdRoute:
                ((IFoldIn)state.Cold).ScoreHistory(items, values, scores);
                break;
            default:
                state.FallbackScores.CopyTo(scores);
                break;
        }
    }

    /// <inheritdoc />
    public Explanation Explain(int user, int item, int maxReasons = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxReasons);
        var state = State;
        var route = RouteOf(user);
        var knownItem = (uint)item < (uint)state.ItemCount;
        var member = route switch
        {
            WarmRoute => knownItem && state.IsNew[item] ? state.Cold : state.Warm,
            ColdRoute => state.Cold,
            _ => state.Fallback,
        };
        if (member is IExplainer explainer)
        {
            return explainer.Explain(user, item, maxReasons);
        }

        if (route == FallbackRoute)
        {
            var popularity = knownItem ? state.FallbackScores[item] : 0f;
            return new Explanation(user, item, popularity, maxReasons == 0 ? [] : [new Reason(ReasonKind.Popularity, popularity)]);
        }

        var score = 0f;
        if (knownItem && member is IItemScorer scorer)
        {
            var scores = new float[state.ItemCount];
            scorer.ScoreItems(user, scores);
            score = scores[item];
        }

        return new Explanation(user, item, score, []);
    }

    /// <inheritdoc />
    public void Save(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var state = State;
        RouterMemberFile.Write(writer, "warm", _catalog, Persistable(state.Warm));
        RouterMemberFile.Write(writer, "cold", _catalog, Persistable(state.Cold));
        RouterMemberFile.Write(writer, "fallback", _catalog, Persistable(state.Fallback));
        writer.Write("historyLengths", state.HistoryLengths);
        writer.Write("itemCounts", state.ItemCounts);
    }

    /// <inheritdoc />
    public void Load(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (IsFitted)
        {
            throw new InvalidOperationException($"The model '{Name}' is already fitted; load into a new instance.");
        }

        var warm = ReadMember(reader, "warm", Options.Warm);
        var cold = ReadMember(reader, "cold", Options.Cold);
        var fallback = ReadMember(reader, "fallback", Options.Fallback);
        var historyLengths = reader.ReadInt32s("historyLengths");
        var itemCounts = reader.ReadInt32s("itemCounts");
        if (Array.Exists(historyLengths, n => n < 0))
        {
            throw reader.Invalid("historyLengths", "a history length is negative.");
        }

        if (Array.Exists(itemCounts, n => n < 0))
        {
            throw reader.Invalid("itemCounts", "an item count is negative.");
        }

        _state = RouterState.Of(warm, cold, fallback, historyLengths, itemCounts);
    }

    private static bool CanScore(IRecommender member, int user)
        => member is IItemScorer scorer ? scorer.CanScore(user) : !member.Recommend(new RecommendRequest(user, 0)).IsFallback;

    private RecommendationList WarmList(RouterState state, RecommendRequest request)
    {
        if (state.NewItems.Length == 0)
        {
            return state.Warm.Recommend(request);
        }

        // Split the candidates into items the warm model knows and new ones; without a candidate list
        // the warm model ranks everything but the new items, which the cold model ranks.
        IReadOnlyCollection<int>? known = null;
        var fresh = state.NewItems;
        if (request.Candidates is { } candidates)
        {
            var knownList = new List<int>(candidates.Count);
            var freshList = new List<int>();
            foreach (var item in candidates)
            {
                ((uint)item < (uint)state.ItemCount && state.IsNew[item] ? freshList : knownList).Add(item);
            }

            (known, fresh) = (knownList, [.. freshList]);
        }

        IReadOnlyList<ScoredItem> warmItems = [];
        if (known is null || known.Count > 0)
        {
            var warmRequest = known is null
                ? request with { Exclude = request.Exclude is null ? state.NewItems : [.. request.Exclude, .. state.NewItems] }
                : request with { Candidates = known };
            warmItems = state.Warm.Recommend(warmRequest).Items;
        }

        if (fresh.Length == 0 || (warmItems.Count >= request.Count && Options.NewItemShare == 0))
        {
            return new RecommendationList(request.User, warmItems, RecommendationSource.Model);
        }

        var freshItems = state.Cold.Recommend(request with { Candidates = fresh }).Items;
        return new RecommendationList(request.User, RouterMerge.Merge(warmItems, freshItems, request.Count, Options.NewItemShare), RecommendationSource.Model);
    }

    private IRecommender Create(string name, JsonElement? options) => _catalog.Create(name, options);

    private IRecommender ReadMember(ModelReader reader, string section, string expectedName)
    {
        var loaded = RouterMemberFile.Read(reader, section, _catalog);
        var expected = _catalog.Get(expectedName).Name;
        return loaded.Name == expected
            ? loaded
            : throw reader.Invalid(section, $"holds the model '{loaded.Name}', expected '{expected}'.");
    }

    private static IPersistableModel Persistable(IRecommender member)
        => member as IPersistableModel ?? throw new InvalidOperationException($"The router member '{member.Name}' cannot be saved.");
}
