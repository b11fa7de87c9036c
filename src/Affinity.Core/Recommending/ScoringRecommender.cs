using System.Buffers;
using Affinity.Core.Data;
using Affinity.Core.Persistence;

namespace Affinity.Core.Recommending;

/// <summary>
/// The shared recommend machinery for models that score every item: filters (seen items, exclude
/// list, candidate list), top-K selection, the batch form, and the popularity fallback for users
/// the model cannot score. A model only implements <see cref="FitCore"/>, <see cref="CanScore"/>
/// and <see cref="ScoreItems"/>, and writes and reads its own arrays in <see cref="SaveModel"/> and
/// <see cref="LoadModel"/>; the base saves what it keeps (the id maps, the seen items, the fallback).
/// </summary>
public abstract class ScoringRecommender : IItemScorer, IPersistableModel
{
    private CsrMatrix? _seen;
    private float[]? _fallbackScores;
    private IdMap? _users;
    private IdMap? _items;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public bool IsFitted => _seen is not null;

    /// <summary>The number of users the model was fitted on.</summary>
    public int UserCount => _seen?.RowCount ?? 0;

    /// <summary>The number of items the model was fitted on.</summary>
    public int ItemCount => _seen?.ColumnCount ?? 0;

    /// <summary>The external user ids of the training data.</summary>
    public IdMap Users => _users ?? throw NotFitted();

    /// <summary>The external item ids of the training data.</summary>
    public IdMap Items => _items ?? throw NotFitted();

    /// <summary>The options record the model was created with.</summary>
    object IPersistableModel.Options => OptionsRecord;

    /// <summary>The options record, for the model file.</summary>
    protected abstract object OptionsRecord { get; }

    /// <summary>The training interactions by user (what "seen" means).</summary>
    protected CsrMatrix Seen => _seen ?? throw NotFitted();

    /// <summary>The training interactions by user, as the model keeps them (a loaded model has them from its file), so a host can serve it without the training data.</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    public CsrMatrix TrainingInteractions => Seen;

    /// <inheritdoc />
    public void Fit(Dataset train, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(context);
        FitCore(train, context);
        var counts = train.ItemCounts();
        _fallbackScores = Array.ConvertAll(counts, c => (float)c);
        _users = train.Users;
        _items = train.Items;
        _seen = train.ByUser;
    }

    /// <inheritdoc />
    public void Save(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var seen = Seen;
        writer.Write("base.users", _users!.Ids);
        writer.Write("base.items", _items!.Ids);
        writer.Write("base.seen.rowPointers", seen.RowPointers);
        writer.Write("base.seen.columns", seen.Columns);
        writer.Write("base.seen.values", seen.Values);
        writer.Write("base.fallback", _fallbackScores);
        SaveModel(writer);
    }

    /// <inheritdoc />
    public void Load(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (IsFitted)
        {
            throw new InvalidOperationException($"The model '{Name}' is already fitted; load into a new instance.");
        }

        var users = IdMap.FromIds(reader.ReadStrings("base.users"));
        var items = IdMap.FromIds(reader.ReadStrings("base.items"));
        var columns = reader.ReadInt32s("base.seen.columns");
        var fallback = reader.ReadSingles("base.fallback");
        if (fallback.Length != items.Count)
        {
            throw reader.Invalid("base.fallback", $"{fallback.Length} scores for {items.Count} items.");
        }

        CsrMatrix seen;
        try
        {
            var identity = new int[columns.Length];
            seen = CsrMatrix.FromParts(users.Count, items.Count, reader.ReadInt32s("base.seen.rowPointers"), columns, reader.ReadSingles("base.seen.values"), identity);
        }
        catch (ArgumentException e)
        {
            throw reader.Invalid("base.seen", e.Message);
        }

        LoadModel(reader, users.Count, items.Count);
        (_users, _items, _fallbackScores, _seen) = (users, items, fallback, seen);
    }

    /// <summary>Writes the model's own fitted arrays.</summary>
    protected abstract void SaveModel(ModelWriter writer);

    /// <summary>Reads the model's own fitted arrays, checking their shapes against the user and item counts.</summary>
    protected abstract void LoadModel(ModelReader reader, int userCount, int itemCount);

    /// <summary>Learns the model's parameters.</summary>
    protected abstract void FitCore(Dataset train, FitContext context);

    /// <inheritdoc />
    public abstract bool CanScore(int user);

    /// <inheritdoc />
    public abstract void ScoreItems(int user, Span<float> scores);

    /// <inheritdoc />
    public RecommendationList Recommend(RecommendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var seen = Seen;
        var knownUser = (uint)request.User < (uint)seen.RowCount;
        var scoredByModel = knownUser && CanScore(request.User);
        // Scores live in pooled memory: the only allocation per request is the returned list.
        var rented = ArrayPool<float>.Shared.Rent(seen.ColumnCount);
        try
        {
            var scores = rented.AsSpan(0, seen.ColumnCount);
            if (scoredByModel)
            {
                ScoreItems(request.User, scores);
            }
            else
            {
                _fallbackScores.CopyTo(scores);
            }

            var seenItems = knownUser ? seen.RowColumns(request.User) : [];
            var list = FilteredTopK.Select(scores, seenItems, request);
            return new RecommendationList(request.User, list, scoredByModel ? RecommendationSource.Model : RecommendationSource.Fallback);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<RecommendationList> RecommendBatch(IReadOnlyList<RecommendRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        _ = Seen; // Fail before fanning out, so a model used unfitted throws InvalidOperationException, not AggregateException.
        var results = new RecommendationList[requests.Count];
        Parallel.For(0, requests.Count, i => results[i] = Recommend(requests[i]));
        return results;
    }

    /// <summary>
    /// The explanation of the fallback, for a user the model cannot score or an item outside the
    /// catalogue: the item's fallback score (its training interaction count, 0 outside the catalogue)
    /// as one <see cref="ReasonKind.Popularity"/> reason, or none when <paramref name="maxReasons"/> is 0.
    /// </summary>
    protected Explanation ExplainFallback(int user, int item, int maxReasons)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxReasons);
        var scores = _fallbackScores ?? throw NotFitted();
        var score = (uint)item < (uint)scores.Length ? scores[item] : 0f;
        return new Explanation(user, item, score, maxReasons == 0 ? [] : [new Reason(ReasonKind.Popularity, score)]);
    }

    /// <summary>Whether the model scores the user itself (a training user it <see cref="CanScore"/>) and the item is in the catalogue; otherwise an explanation is the fallback's.</summary>
    protected bool ExplainsPair(int user, int item)
        => (uint)user < (uint)Seen.RowCount && (uint)item < (uint)Seen.ColumnCount && CanScore(user);

    /// <summary>Whether the user is a training user with at least one interaction.</summary>
    protected bool HasHistory(int user) => (uint)user < (uint)Seen.RowCount && Seen.RowLength(user) > 0;

    /// <summary>The error thrown when the model is used before <see cref="Fit"/>.</summary>
    protected InvalidOperationException NotFitted() => new($"The model '{Name}' must be fitted first.");
}
