using System.Text.Json;
using System.Text.Json.Serialization;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;
using Affinity.Models.Baselines;
using Affinity.Models.Content;
using Affinity.Models.Factorization;
using Affinity.Models.Factorization.Rating;
using Affinity.Models.Hybrid;
using Affinity.Models.Linear;
using Affinity.Models.Neighborhood;

namespace Affinity.Models;

/// <summary>
/// The registry of models by name: what each is, its options type, and a factory from JSON options.
/// The CLI and the server share <see cref="Default"/>. Immutable; names and aliases are matched
/// without regard to case.
/// </summary>
public sealed class ModelCatalog
{
    private readonly ModelDescriptor[] _models;
    private readonly Dictionary<string, ModelDescriptor> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds a catalog from descriptors.</summary>
    /// <exception cref="ArgumentException">Two descriptors share a name or an alias.</exception>
    public ModelCatalog(IEnumerable<ModelDescriptor> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = [.. models];
        foreach (var model in _models)
        {
            foreach (var key in model.Aliases.Prepend(model.Name))
            {
                if (!_byName.TryAdd(key, model))
                {
                    throw new ArgumentException($"The model name '{key}' is registered twice.", nameof(models));
                }
            }
        }

        Names = Array.ConvertAll(_models, m => m.Name);
    }

    /// <summary>Every model Affinity ships; adding a model is one line here.</summary>
    public static ModelCatalog Default { get; } = new(
    [
        ModelDescriptor.For<GlobalMeanOptions>("global-mean", "Predicts the training mean for everything; ranks all items equally.", o => new GlobalMean(o), "mean"),
        ModelDescriptor.For<BiasBaselineOptions>("bias", "Global mean plus user and item biases (Koren 2008), fitted as Surprise's BaselineOnly.", o => new BiasBaseline(o), "baseline", "bias-baseline"),
        ModelDescriptor.For<PopularityOptions>("popularity", "Ranks items by interaction count, value sum or time-decayed count.", o => new Popularity(o), "pop", "most-popular"),
        ModelDescriptor.For<RandomOptions>("random", "Uniform random scores, seeded by FitContext.Seed and the user.", o => new RandomRecommender(o)),
        ModelDescriptor.For<ItemKnnOptions>("item-knn", "Item-based kNN: KNNBaseline rating prediction or top-N from a sparse top-k item-item similarity matrix.", o => new ItemKnn(o), "itemknn", "item-cf"),
        ModelDescriptor.For<UserKnnOptions>("user-knn", "User-based kNN: KNNBaseline rating prediction or top-N from a sparse top-k user-user similarity matrix.", o => new UserKnn(o), "userknn", "user-cf"),
        ModelDescriptor.For<ImplicitAlsOptions>("als", "Implicit-feedback matrix factorisation by weighted alternating least squares (Hu, Koren and Volinsky 2008).", o => new ImplicitAls(o), "implicit-als", "wrmf"),
        ModelDescriptor.For<BprOptions>("bpr", "Matrix factorisation trained for pairwise ranking by SGD, Bayesian personalised ranking (Rendle et al. 2009).", o => new Bpr(o), "bprmf"),
        ModelDescriptor.For<EaseOptions>("ease", "Embarrassingly shallow autoencoder (Steck 2019): closed-form item x item ridge regression with a zero diagonal.", o => new Ease(o)),
        ModelDescriptor.For<Rp3BetaOptions>("rp3beta", "RP3beta (Paudel et al. 2017): popularity-penalised three-step random walk, top-k item x item weights.", o => new Rp3Beta(o), "rp3b"),
        ModelDescriptor.For<BiasedMfOptions>("biased-mf", "Biased matrix factorisation mu + b_u + b_i + p_u.q_i by SGD (Funk; Koren et al. 2009), as Surprise's SVD.", o => new BiasedMf(o), "svd", "funk-svd"),
        ModelDescriptor.For<SvdPlusPlusOptions>("svd++", "SVD++ (Koren 2008): biased MF plus the implicit feedback of what each user rated, SGD batched per user.", o => new SvdPlusPlus(o), "svdpp"),
        ModelDescriptor.For<BayesianMfOptions>("bpmf", "Bayesian probabilistic MF (Salakhutdinov & Mnih 2008) with biases and SVD++-style implicit terms on both sides, Gibbs sampling, predictions averaged over samples.", o => new BayesianMf(o), "bayesian-mf"),
        ModelDescriptor.For<ContentBasedOptions>("content", "Content-based: cosine between the user's rating-weighted sum of item feature vectors (TF-IDF) and each item's vector; scores untouched items.", o => new ContentBased(o), "content-based"),
        ModelDescriptor.For<LightFmOptions>("lightfm", "LightFM hybrid factorisation (Kula 2015): embeddings are sums of user and item feature embeddings, WARP or BPR; scores new users and items from their attributes.", o => new LightFm(o), "hybrid-mf"),
        ModelDescriptor.For<BlendOptions>("blend", "Linear blend of rating predictors, weights fitted by ridge least squares on ratings held out of training.", o => new Blend(o)),
        ModelDescriptor.For<RouterOptions>("router", "Switching hybrid: a warm model for users with enough history, a cold model for short or no history and new items, a fallback for the rest; each list flagged with its route.", o => new Router(o)),
    ]);

    /// <summary>
    /// How options records are written and read: camelCase names (read without regard to case),
    /// enums as names, unknown properties rejected so a misspelt option is an error.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    /// <summary>The canonical names, in registration order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The descriptors, in registration order.</summary>
    public IReadOnlyList<ModelDescriptor> Models => _models;

    /// <summary>Finds a model by name or alias.</summary>
    public bool TryGet(string name, out ModelDescriptor model)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name.Trim(), out model!);
    }

    /// <summary>The model registered under a name or alias.</summary>
    /// <exception cref="ArgumentException">No model has that name; the message lists the known names.</exception>
    public ModelDescriptor Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGet(name, out var model)
            ? model
            : throw new ArgumentException($"Unknown model '{name}'. Known models: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Writes a fitted model as a model file: its name, its options as JSON, then its state.</summary>
    /// <exception cref="ArgumentException">The model is not registered in this catalogue.</exception>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    public void Save(IPersistableModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        var descriptor = Get(model.Name);
        var options = JsonSerializer.Serialize(model.Options, descriptor.OptionsType, JsonOptions);
        ModelFile.Write(stream, descriptor.Name, options, model.Save);
    }

    /// <summary>Reads a model file written by <see cref="Save"/>, creating the model from the file's name and options.</summary>
    /// <param name="stream">The file content.</param>
    /// <param name="source">The file name, for error messages.</param>
    /// <exception cref="InvalidDataException">Not a model file, an unknown or unsaveable model, or a section that does not fit.</exception>
    public IPersistableModel Load(Stream stream, string source)
    {
        var reader = ModelFile.Read(stream, source);
        if (!TryGet(reader.Algorithm, out var descriptor))
        {
            throw new InvalidDataException($"{source} holds the model '{reader.Algorithm}', which this build does not know. Known models: {string.Join(", ", Names)}.");
        }

        var model = descriptor.Create(JsonDocument.Parse(reader.OptionsJson).RootElement) as IPersistableModel
            ?? throw new InvalidDataException($"{source}: the model '{reader.Algorithm}' cannot be loaded from a file.");
        model.Load(reader);
        return model;
    }

    /// <summary>Builds an unfitted model from its name and JSON options (null means the defaults).</summary>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known names) or the JSON does not fit the options.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range (the exception names it).</exception>
    public IRecommender Create(string name, JsonElement? options = null) => Get(name).Create(options);

    /// <summary>Builds an unfitted model from its name and options as JSON text (null or blank means the defaults).</summary>
    /// <exception cref="ArgumentException">The name is unknown, or the text is not JSON that fits the options.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range (the exception names it).</exception>
    public IRecommender Create(string name, string? optionsJson)
    {
        var model = Get(name);
        if (string.IsNullOrWhiteSpace(optionsJson))
        {
            return model.Create();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(optionsJson);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The options of model '{model.Name}' are not valid JSON: {e.Message}", nameof(optionsJson), e);
        }

        using (document)
        {
            return model.Create(document.RootElement);
        }
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
