using Affinity.Core.Data;
using Affinity.Core.Features;
using Affinity.Core.Recommending;

namespace Affinity.Core.Engine;

/// <summary>
/// Everything one activated model serves from, frozen: the fitted model, its training data's id maps
/// and seen matrix, popularity for the fallback, the item catalogue, the item similarity used for
/// diversity, and the event sequence the model was trained up to. The engine swaps whole snapshots,
/// so a request sees one of them entirely, never a mix. Immutable.
/// </summary>
/// <remarks>
/// The default diversity similarity is the model's own (<see cref="NeighborSimilarity"/>) when the
/// model implements <see cref="ISimilarItems"/>, because that is the notion of "alike" the ranking
/// itself follows and it covers items without attributes; otherwise the cosine of the items'
/// encoded attributes (<see cref="FeatureCosineSimilarity"/> over <see cref="FeatureEncoder.Encode"/>
/// with its default options). Without either, every pair is unrelated and diversity changes nothing.
/// </remarks>
public sealed class ServingSnapshot
{
    private readonly float[] _popularity;
    private readonly Lazy<IItemSimilarity> _similarity;
    private readonly bool _defaultSimilarity;

    /// <summary>Creates a snapshot of a model fitted on <paramref name="training"/>.</summary>
    /// <param name="model">The fitted model; its dense indexes are those of <paramref name="training"/>.</param>
    /// <param name="training">The data the model was fitted on (its id maps, seen items and popularity are kept).</param>
    /// <param name="sequence">The event sequence the training data holds every event up to (the high-water mark).</param>
    /// <param name="catalog">The catalogue of the training items; null for one built from the training item attributes with nothing hidden.</param>
    /// <param name="version">A label for the snapshot (the registry's model version).</param>
    /// <param name="similarity">The similarity for diversity; null for the default (see the remarks).</param>
    /// <exception cref="ArgumentException">The model is not fitted, or the catalogue's items are not the training items.</exception>
    public ServingSnapshot(IRecommender model, Dataset training, long sequence, ItemCatalog? catalog = null, string? version = null, IItemSimilarity? similarity = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        if (!model.IsFitted)
        {
            throw new ArgumentException($"The model '{model.Name}' must be fitted before it is served.", nameof(model));
        }

        catalog ??= new ItemCatalog(training.Items, training.ItemAttributes);
        CheckSameItems(training.Items, catalog.Items);
        Model = model;
        Users = training.Users;
        Items = training.Items;
        Seen = training.ByUser;
        Kind = training.Kind;
        Sequence = sequence;
        Version = version;
        Catalog = catalog;
        var counts = training.ItemCounts();
        _popularity = new float[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            _popularity[i] = counts[i];
        }

        _defaultSimilarity = similarity is null;
        _similarity = similarity is null ? new Lazy<IItemSimilarity>(DefaultSimilarity) : new Lazy<IItemSimilarity>(similarity);
    }

    private ServingSnapshot(ServingSnapshot source, ItemCatalog catalog)
    {
        Model = source.Model;
        Users = source.Users;
        Items = source.Items;
        Seen = source.Seen;
        Kind = source.Kind;
        Sequence = source.Sequence;
        Version = source.Version;
        Catalog = catalog;
        _popularity = source._popularity;
        _defaultSimilarity = source._defaultSimilarity;
        var keep = !source._defaultSimilarity || source.Model is ISimilarItems || ReferenceEquals(catalog.Attributes, source.Catalog.Attributes);
        _similarity = keep ? source._similarity : new Lazy<IItemSimilarity>(DefaultSimilarity);
    }

    /// <summary>The fitted model.</summary>
    public IRecommender Model { get; }

    /// <summary>The training users (external id ↔ dense index).</summary>
    public IdMap Users { get; }

    /// <summary>The training items (external id ↔ dense index).</summary>
    public IdMap Items { get; }

    /// <summary>The training interactions by user.</summary>
    public CsrMatrix Seen { get; }

    /// <summary>Whether the training values are ratings or implicit signals (how live events merge, see <see cref="RecommendationEngine"/>).</summary>
    public FeedbackKind Kind { get; }

    /// <summary>The high-water mark: every event with a sequence at most this is in the training data.</summary>
    public long Sequence { get; }

    /// <summary>The snapshot's label, or null.</summary>
    public string? Version { get; }

    /// <summary>The catalogue facts.</summary>
    public ItemCatalog Catalog { get; }

    /// <summary>The number of training items.</summary>
    public int ItemCount => Items.Count;

    /// <summary>Each item's number of training interactions, the fallback's scores.</summary>
    public ReadOnlySpan<float> Popularity => _popularity;

    /// <summary>The similarity diversity re-ranking uses (built on first use).</summary>
    public IItemSimilarity Similarity => _similarity.Value;

    /// <summary>The same snapshot with another catalogue (hidden and unavailable items, publication times), served without retraining.</summary>
    /// <exception cref="ArgumentException">The catalogue's items are not the snapshot's.</exception>
    public ServingSnapshot WithCatalog(ItemCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        CheckSameItems(Items, catalog.Items);
        return new ServingSnapshot(this, catalog);
    }

    private IItemSimilarity DefaultSimilarity()
        => Model is ISimilarItems similar
            ? new NeighborSimilarity(similar, ItemCount)
            : new FeatureCosineSimilarity(FeatureEncoder.Encode(Catalog.Attributes));

    private static void CheckSameItems(IdMap expected, IdMap actual)
    {
        if (ReferenceEquals(expected, actual))
        {
            return;
        }

        var same = expected.Count == actual.Count;
        for (var i = 0; same && i < expected.Count; i++)
        {
            same = string.Equals(expected[i], actual[i], StringComparison.Ordinal);
        }

        if (!same)
        {
            throw new ArgumentException("The catalogue must list the model's training items in the same order.", nameof(actual));
        }
    }
}
