using System.Numerics.Tensors;
using Affinity.Core.Data;
using Affinity.Core.Kernels;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;
using Affinity.Models.Content;
using Affinity.Models.Factorization;

namespace Affinity.Models.Hybrid;

/// <summary>
/// LightFM (Kula, "Metadata Embeddings for User and Item Cold-start Recommendations", CBRecSys 2015;
/// the lightfm library): a factorisation in which an entity's embedding and bias are the sums of its
/// features' embeddings and biases, over user features and item features, so that new items and new
/// users get vectors from their features alone. Trained for ranking with WARP or BPR.
/// </summary>
/// <remarks>
/// <para>The score of item i for user u is p_u · q_i + b_i with p_u = Σ_f x_uf e_f over the user's
/// features and q_i = Σ_g x_ig e_g, b_i = Σ_g x_ig b_g over the item's. Features are the encoded
/// attributes (categories and tags as indicators, numbers min-max scaled, words as counts when
/// <see cref="LightFmOptions.TextFeatures"/> is on) plus, by default, one identity feature per user
/// and per item, every row scaled to sum 1, as lightfm's <c>Dataset</c> builds them.</para>
/// <para>Training follows lightfm's <c>_lightfm_fast</c> (see <see cref="LightFmTrainer"/>): embeddings
/// start uniform in [−0.5/k, 0.5/k), biases at 0; each epoch visits the training positives (pairs whose
/// summed value is greater than 0, weight 1) in a fresh shuffled order; WARP draws negatives until one
/// scores above the positive's score − 1 (at most <see cref="LightFmOptions.MaxSampled"/>) and steps
/// with the rank weight ln ⌊(n − 1) / draws⌋; BPR draws one negative among the training positives' items
/// and steps with 1 − σ(x̂_ui − x̂_uj); Adagrad or Adadelta per parameter; lazy L2 decay.</para>
/// <para>Threads (<see cref="FitContext.MaxDegreeOfParallelism"/>) each take a share of every block of
/// samples and update the shared parameters without locks (Hogwild, as lightfm's OpenMP loop);
/// <see cref="LightFmOptions.Deterministic"/> (or one thread) trains on one thread, so a seed always
/// gives the same model. The identity rows of users and items without training positives, which hold
/// only their random start, are zeroed after training, so a cold entity's vector is its attributes'.</para>
/// <para>Defaults are lightfm's (learning rate 0.05, Adagrad, max_sampled 10, no penalty) but for
/// 64 components, WARP, 60 epochs and title words on, chosen by an 18-trial search on a validation
/// split carved from the training part of ML-100K msr-stratified (a per-user random 20% of the
/// training interactions, seed 42), by NDCG@10: WARP 0.15–0.23 against BPR 0.07–0.12; title words
/// 0.19–0.23 against 0.15–0.16 without; the best trial (60 epochs, 64 components, rate 0.073,
/// item_alpha 1e-6) scored 0.231, and 40 epochs at rate 0.062 scored 0.227.</para>
/// </remarks>
public sealed class LightFm : ScoringRecommender, IFoldIn, ISimilarItems, IExplainer
{
    private const int Block = 4096;

    private EntityFeatures? _itemFeatures;
    private EntityFeatures? _userFeatures;
    private FactorMatrix? _itemEmbeddings;
    private float[] _itemFeatureBiases = [];
    private FactorMatrix? _userEmbeddings;
    private FactorMatrix? _itemVectors;
    private float[] _itemBiases = [];
    private bool[] _scorable = [];
    private float[]? _itemNorms;

    /// <summary>Creates an unfitted model.</summary>
    public LightFm(LightFmOptions? options = null) => Options = options ?? new LightFmOptions();

    /// <summary>The options the model was created with.</summary>
    public LightFmOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "lightfm";

    /// <summary>The names of the item features from attributes (identity features are not named).</summary>
    public IReadOnlyList<string> ItemFeatureNames => _itemFeatures?.Names ?? [];

    /// <summary>The names of the user features from attributes.</summary>
    public IReadOnlyList<string> UserFeatureNames => _userFeatures?.Names ?? [];

    /// <summary>Every item's bias b_i, by item index.</summary>
    public ReadOnlySpan<float> ItemBiases => _itemBiases;

    /// <inheritdoc />
    protected override object OptionsRecord => Options;

    private FactorMatrix ItemVectors => _itemVectors ?? throw NotFitted();

    /// <summary>An item's representation q_i, the weighted sum of its features' embeddings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not an item of the training data.</exception>
    public ReadOnlySpan<float> ItemVector(int item)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)item, (uint)ItemVectors.Rows, nameof(item));
        return ItemVectors.Row(item);
    }

    /// <summary>A user's representation p_u, the weighted sum of the user's features' embeddings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a user of the training data.</exception>
    public float[] UserVector(int user)
    {
        var features = (_userFeatures ?? throw NotFitted()).Rows;
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)user, (uint)features.RowCount, nameof(user));
        var vector = new float[ItemVectors.Factors];
        var columns = features.RowColumns(user);
        var weights = features.RowValues(user);
        for (var n = 0; n < columns.Length; n++)
        {
            TensorPrimitives.MultiplyAdd(_userEmbeddings!.Row(columns[n]), weights[n], vector, vector);
        }

        return vector;
    }

    /// <summary>Whether the user has training positives or attributes: a new user with attributes is scored from them alone.</summary>
    public override bool CanScore(int user) => (uint)user < (uint)_scorable.Length && _scorable[user];

    /// <inheritdoc />
    public override void ScoreItems(int user, Span<float> scores) => Score(UserVector(user), scores);

    /// <summary>
    /// Scores every item for a history the model was not trained on, through a free user vector
    /// trained against the fixed item representations (<see cref="LightFmFoldIn"/>). Repeated items
    /// count once; items outside the catalogue and values of 0 or less are ignored, as in training.
    /// </summary>
    public void ScoreHistory(ReadOnlySpan<int> items, ReadOnlySpan<float> values, Span<float> scores)
    {
        if (items.Length != values.Length)
        {
            throw new ArgumentException("Every history item needs a value.", nameof(values));
        }

        var vectors = ItemVectors;
        ScoreGuard.CheckLength(scores, vectors.Rows);
        var history = new SortedSet<int>();
        for (var h = 0; h < items.Length; h++)
        {
            if ((uint)items[h] < (uint)vectors.Rows && values[h] > 0)
            {
                history.Add(items[h]);
            }
        }

        var vector = new float[vectors.Factors];
        LightFmFoldIn.Fold(Options, vectors, _itemBiases, Seen.Columns, [.. history], vector);
        Score(vector, scores);
    }

    /// <summary>
    /// The items whose representations have the largest cosine with the item's, best first, never the
    /// item itself; items nobody has touched take part through their features. An unknown item, or one
    /// with a zero representation, gets an empty list.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public IReadOnlyList<ScoredItem> SimilarItems(int item, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var vectors = ItemVectors;
        var norms = _itemNorms ??= vectors.RowNorms();
        if ((uint)item >= (uint)vectors.Rows || norms[item] == 0 || count == 0)
        {
            return [];
        }

        var scores = new float[vectors.Rows];
        vectors.DotAll(vectors.Row(item), scores);
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = norms[i] == 0 ? 0 : scores[i] / (norms[i] * norms[item]);
        }

        return PositiveTop.Select(scores, item, count);
    }

    /// <summary>
    /// The item features behind the score: p_u · q_i + b_i = Σ_g x_ig (p_u · e_g + b_g) over the item's
    /// features, and each attribute feature's term is its reason's weight (<see cref="ReasonKind.Feature"/>),
    /// the largest positive terms first. The item's identity feature (what collaborative data taught
    /// about the item itself) is in the score but is not a feature a person reads, so it is not listed.
    /// A user the model cannot score or an unknown item gets the fallback's reason,
    /// <see cref="ReasonKind.Popularity"/>, weighted by the item's training count.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxReasons"/> is negative.</exception>
    public Explanation Explain(int user, int item, int maxReasons = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxReasons);
        var vectors = ItemVectors;
        if (!CanScore(user) || (uint)item >= (uint)vectors.Rows)
        {
            return ExplainFallback(user, item, maxReasons);
        }

        var userVector = UserVector(user);
        var features = _itemFeatures!.Rows;
        var columns = features.RowColumns(item);
        var weights = features.RowValues(item);
        var terms = new List<(int Feature, float Weight)>(columns.Length);
        var score = 0f;
        for (var n = 0; n < columns.Length; n++)
        {
            var term = weights[n] * (TensorPrimitives.Dot(userVector, _itemEmbeddings!.Row(columns[n])) + _itemFeatureBiases[columns[n]]);
            terms.Add((columns[n], term));
            score += term;
        }

        return new Explanation(user, item, score, FeatureTerms.Strongest(terms, _itemFeatures.Names, maxReasons));
    }

    /// <inheritdoc />
    protected override void FitCore(Dataset train, FitContext context)
    {
        var items = EntityFeatures.Build(train.ItemAttributes, Options.ItemFeatures, Options.TextFeatures, Options.IdentityFeatures);
        var users = EntityFeatures.Build(train.UserAttributes, Options.UserFeatures, Options.TextFeatures, Options.IdentityFeatures);
        var positives = PositiveFeedback.ByUser(train, static _ => 1f);
        var random = new Random(Options.Seed ?? context.Seed);
        var trainer = new LightFmTrainer(Options, items.Rows, users.Rows, positives, random);
        var samples = trainer.SampleCount;
        var threads = Options.Deterministic || samples == 0 ? 1 : Math.Min(ThreadCount(context), samples);
        var generators = new Random[threads];
        var workspaces = new LightFmTrainer.Workspace[threads];
        for (var t = 0; t < threads; t++)
        {
            generators[t] = new Random(random.Next());
            workspaces[t] = trainer.CreateWorkspace();
        }

        var order = new int[samples];
        for (var n = 0; n < samples; n++)
        {
            order[n] = n;
        }

        var counts = new int[threads];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = context.CancellationToken };
        for (var epoch = 0; epoch < Options.Epochs; epoch++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            var updates = 0L;
            for (var start = 0; start < samples; start += Block * threads)
            {
                var length = Math.Min(Block * threads, samples - start);
                if (threads == 1)
                {
                    counts[0] = trainer.Run(order.AsSpan(start, length), generators[0], workspaces[0]);
                }
                else
                {
                    Parallel.For(0, threads, parallel, t =>
                    {
                        var from = start + (int)((long)length * t / threads);
                        var to = start + (int)((long)length * (t + 1) / threads);
                        counts[t] = trainer.Run(order.AsSpan(from, to - from), generators[t], workspaces[t]);
                    });
                }

                foreach (var c in counts)
                {
                    updates += c;
                }

                Array.Clear(counts);
                trainer.Renormalize();
            }

            HybridLog.LightFmEpoch(context.Logger, epoch + 1, updates, samples);
            context.Progress?.Report(new FitProgress("epoch", epoch + 1, Options.Epochs));
        }

        trainer.Finish(items, users, positives);
        var scorable = new bool[train.UserCount];
        for (var u = 0; u < scorable.Length; u++)
        {
            scorable[u] = users.Rows.RowLength(u) > 0 && (positives.RowLength(u) > 0 || users.HasAttributes(u));
        }

        Install(items, users, trainer.ItemEmbeddings, trainer.ItemBiases, trainer.UserEmbeddings, scorable);
    }

    /// <inheritdoc />
    protected override void SaveModel(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        SparseRows.Save(writer, "lightfm.itemFeatures", _itemFeatures!.Rows);
        SparseRows.Save(writer, "lightfm.userFeatures", _userFeatures!.Rows);
        writer.Write("lightfm.itemFeatureNames", _itemFeatures.Names);
        writer.Write("lightfm.userFeatureNames", _userFeatures.Names);
        _itemEmbeddings!.Save(writer, "lightfm.itemEmbeddings");
        writer.Write("lightfm.itemFeatureBiases", _itemFeatureBiases);
        _userEmbeddings!.Save(writer, "lightfm.userEmbeddings");
        writer.Write("lightfm.scorable", Array.ConvertAll(_scorable, s => s ? 1 : 0));
    }

    /// <inheritdoc />
    protected override void LoadModel(ModelReader reader, int userCount, int itemCount)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var itemRows = SparseRows.Load(reader, "lightfm.itemFeatures", itemCount);
        var userRows = SparseRows.Load(reader, "lightfm.userFeatures", userCount);
        var items = new EntityFeatures(itemRows, reader.ReadStrings("lightfm.itemFeatureNames"));
        var users = new EntityFeatures(userRows, reader.ReadStrings("lightfm.userFeatureNames"));
        var itemEmbeddings = FactorMatrix.Load(reader, "lightfm.itemEmbeddings", itemRows.ColumnCount);
        var userEmbeddings = FactorMatrix.Load(reader, "lightfm.userEmbeddings", userRows.ColumnCount);
        var biases = reader.ReadSingles("lightfm.itemFeatureBiases");
        var scorable = reader.ReadInt32s("lightfm.scorable");
        if (items.Names.Length > itemRows.ColumnCount || users.Names.Length > userRows.ColumnCount)
        {
            throw reader.Invalid("lightfm.itemFeatureNames", "more feature names than feature columns.");
        }

        if (biases.Length != itemRows.ColumnCount || userEmbeddings.Factors != itemEmbeddings.Factors || scorable.Length != userCount)
        {
            throw reader.Invalid("lightfm.itemFeatureBiases", $"{biases.Length} biases, {userEmbeddings.Factors} and {itemEmbeddings.Factors} components, {scorable.Length} user flags do not fit {itemRows.ColumnCount} item features and {userCount} users.");
        }

        Install(items, users, itemEmbeddings, biases, userEmbeddings, Array.ConvertAll(scorable, s => s != 0));
    }

    private static int ThreadCount(FitContext context)
        => context.MaxDegreeOfParallelism > 0 ? context.MaxDegreeOfParallelism : Environment.ProcessorCount;

    /// <summary>Keeps the parameters and computes every item's representation and bias from them.</summary>
    private void Install(EntityFeatures items, EntityFeatures users, FactorMatrix itemEmbeddings, float[] featureBiases, FactorMatrix userEmbeddings, bool[] scorable)
    {
        var k = itemEmbeddings.Factors;
        var vectors = new FactorMatrix(items.Rows.RowCount, k);
        var biases = new float[items.Rows.RowCount];
        for (var i = 0; i < biases.Length; i++)
        {
            var row = vectors.Row(i);
            var columns = items.Rows.RowColumns(i);
            var weights = items.Rows.RowValues(i);
            for (var n = 0; n < columns.Length; n++)
            {
                TensorPrimitives.MultiplyAdd(itemEmbeddings.Row(columns[n]), weights[n], row, row);
                biases[i] += weights[n] * featureBiases[columns[n]];
            }
        }

        (_itemFeatures, _userFeatures, _itemEmbeddings, _itemFeatureBiases, _userEmbeddings) = (items, users, itemEmbeddings, featureBiases, userEmbeddings);
        (_itemVectors, _itemBiases, _scorable, _itemNorms) = (vectors, biases, scorable, null);
    }

    private void Score(ReadOnlySpan<float> user, Span<float> scores)
    {
        var vectors = ItemVectors;
        ScoreGuard.CheckLength(scores, vectors.Rows);
        vectors.DotAll(user, scores);
        TensorPrimitives.Add(scores, _itemBiases, scores);
    }
}
