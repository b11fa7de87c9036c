using System.Globalization;
using Affinity.Core.Cleaning;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Protocols;

/// <summary>
/// The protocol presets that reproduce the published tables in BENCHMARKS.md: each names its
/// split, metrics and data preparation exactly as the source did.
/// </summary>
public static class ProtocolCatalog
{
    /// <summary>ML-100K's five canonical folds u1..u5 (u1.base/u1.test ...), RMSE and MAE averaged over folds.</summary>
    public static EvaluationProtocol MovieLens100KFolds { get; } = new()
    {
        Name = "ml100k-u1u5",
        Description = "ML-100K canonical folds u1..u5 (80k/20k each), rating prediction, RMSE/MAE averaged over the five folds (MyMediaLite, GLocal-K on u1).",
        DefaultDataset = "ml-100k",
        Kind = EvaluationKind.Rating,
        CreateSplitter = static input => PredefinedSplitter.FromFiles(
            Enumerable.Range(1, 5).Select(f => (
                $"u{f}",
                Path.Combine(RequireFolder(input, "ml100k-u1u5"), $"u{f}.base"),
                Path.Combine(RequireFolder(input, "ml100k-u1u5"), $"u{f}.test")))),
        Metrics = ["RMSE", "MAE"],
    };

    /// <summary>ML-100K's ua/ub splits: exactly ten test ratings per user.</summary>
    public static EvaluationProtocol MovieLens100KTenPerUser { get; } = new()
    {
        Name = "ml100k-uaub",
        Description = "ML-100K splits ua and ub (each holds out exactly 10 ratings per user; 90570/9430), rating prediction, RMSE/MAE averaged over the two.",
        DefaultDataset = "ml-100k",
        Kind = EvaluationKind.Rating,
        CreateSplitter = static input => PredefinedSplitter.FromFiles(
            new[] { "ua", "ub" }.Select(f => (
                f,
                Path.Combine(RequireFolder(input, "ml100k-uaub"), $"{f}.base"),
                Path.Combine(RequireFolder(input, "ml100k-uaub"), $"{f}.test")))),
        Metrics = ["RMSE", "MAE"],
    };

    /// <summary>ML-1M's five shipped random folds; each fold is a test set, the other four train.</summary>
    public static EvaluationProtocol MovieLens1MFolds { get; } = new()
    {
        Name = "ml1m-5fold",
        Description = "ML-1M five predefined random folds (ml-1m/folds), rating prediction, RMSE/MAE averaged over folds (the 5-fold protocol of Surprise, MyMediaLite and Gorse).",
        DefaultDataset = "ml-1m",
        Kind = EvaluationKind.Rating,
        CreateSplitter = static input => PredefinedSplitter.FromFoldAssignment(
            input.FoldOf ?? throw new InvalidOperationException("ml1m-5fold needs the ML-1M fold files (ml-1m/folds/test_1m1.dat ... test_1m5.dat).")),
        Metrics = ["RMSE", "MAE"],
    };

    /// <summary>Surprise's benchmark: random 5-fold cross-validation, RMSE and MAE.</summary>
    public static EvaluationProtocol Surprise5Fold { get; } = new()
    {
        Name = "surprise-5fold",
        Description = "Random 5-fold cross-validation over ratings (Surprise's README benchmark, KFold(n_splits=5)), RMSE/MAE averaged over folds.",
        DefaultDataset = "ml-100k",
        Kind = EvaluationKind.Rating,
        CreateSplitter = static _ => new RandomKFoldSplitter(5, seed: 0),
        Metrics = ["RMSE", "MAE"],
    };

    /// <summary>Microsoft Recommenders' ML-100K top-N benchmark: stratified 75/25 split, k = 10.</summary>
    public static EvaluationProtocol MicrosoftStratified { get; } = new()
    {
        Name = "msr-stratified",
        Description = "Microsoft Recommenders top-N benchmark: python_stratified_split ratio 0.75 (per user), every test rating relevant, items seen in training removed, full ranking over all items, k = 10, MAP normalised by the number of relevant test items.",
        DefaultDataset = "ml-100k",
        Kind = EvaluationKind.FullRanking,
        CreateSplitter = static _ => new StratifiedSplitter(0.75, seed: 42),
        Metrics = ["MAP@10", "NDCG@10", "Precision@10", "Recall@10"],
        Seed = 42,
    };

    /// <summary>The NCF protocol (He et al. 2017): leave the latest interaction out, rank it among 99 sampled negatives.</summary>
    public static EvaluationProtocol NcfLeaveOneOut { get; } = new()
    {
        Name = "ncf-loo",
        Description = "NCF protocol (He et al. 2017): every rating is a positive, each user's latest interaction is the test item, ranked among 99 items the user never interacted with, sampled at random; HR@10 and NDCG@10.",
        DefaultDataset = "ml-100k",
        Kind = EvaluationKind.SampledRanking,
        Prepare = static d => ImplicitConversion.Threshold(d, float.NegativeInfinity),
        CreateSplitter = static _ => new LeaveLastOutSplitter(1),
        Metrics = ["HitRate@10", "NDCG@10"],
        SampledNegatives = 99,
        Seed = 42,
    };

    /// <summary>RecBole's ML-1M benchmark: ratings >= 3, 10-core, per-user random 8:1:1, full ranking.</summary>
    public static EvaluationProtocol RecBoleRandom811 { get; } = new()
    {
        Name = "recbole-rs811",
        Description = "RecBole general-recommendation benchmark: keep ratings >= 3, 10-core filter on users and items, per-user random split 8:1:1 (RS), full ranking over items not seen in train or validation, k = 10.",
        DefaultDataset = "ml-1m",
        Kind = EvaluationKind.FullRanking,
        Prepare = RecBolePreparation.Apply,
        CreateSplitter = static _ => new RecBoleRatioSplitter(0.8, 0.1, 0.1, seed: 2020),
        Metrics = ["Recall@10", "MRR@10", "NDCG@10", "HitRate@10", "Precision@10"],
        Seed = 2020,
    };

    /// <summary>
    /// New items (Kula 2015's item cold-start split): 20% of the items held out entirely with all their
    /// interactions, each user ranks the held-out items only. Any dataset.
    /// </summary>
    public static EvaluationProtocol ColdItems { get; } = new()
    {
        Name = "cold-items",
        Description = "New items: 20% of the items (seed 42) held out entirely, all their interactions tested (Kula 2015); every user with test interactions ranks the held-out items only (DropoutNet's item cold-start candidates); every test interaction relevant; k = 10, AUC over the held-out items.",
        Kind = EvaluationKind.ColdItems,
        CreateSplitter = static _ => new ColdItemSplitter(0.2, seed: 42),
        Metrics = ColdStartMetrics,
        Seed = 42,
    };

    /// <summary>New users known by their attributes alone: 20% of the users held out entirely, full ranking. Any dataset.</summary>
    public static EvaluationProtocol ColdUsers { get; } = ColdUsersGiven(0);

    /// <summary>New users given their first five interactions by time at test time (fold-in), full ranking. Any dataset with timestamps.</summary>
    public static EvaluationProtocol ColdUsersFive { get; } = ColdUsersGiven(5);

    /// <summary>
    /// Warm users for the cold-start comparison: Microsoft Recommenders' stratified 75/25 split of
    /// <see cref="MicrosoftStratified"/>, with the metrics of the cold-start protocols. Any dataset.
    /// </summary>
    public static EvaluationProtocol WarmUsers { get; } = new()
    {
        Name = "warm-users",
        Description = "Warm users, the counterpart of cold-items and cold-users: python_stratified_split ratio 0.75 per user (seed 42, as msr-stratified), every test rating relevant, full ranking over unseen items, k = 10, AUC over all unseen items.",
        Kind = EvaluationKind.FullRanking,
        CreateSplitter = static _ => new StratifiedSplitter(0.75, seed: 42),
        Metrics = ColdStartMetrics,
        Seed = 42,
    };

    /// <summary>Every preset.</summary>
    public static IReadOnlyList<EvaluationProtocol> All { get; } =
        [MovieLens100KFolds, MovieLens100KTenPerUser, MovieLens1MFolds, Surprise5Fold, MicrosoftStratified, NcfLeaveOneOut, RecBoleRandom811, ColdItems, ColdUsers, ColdUsersFive, WarmUsers];

    private static IReadOnlyList<string> ColdStartMetrics => ["NDCG@10", "Precision@10", "Recall@10", "AUC"];

    /// <summary>
    /// The new-user protocol: 20% of the users (seed 42) held out entirely; each is recommended from
    /// their first <paramref name="givenInteractions"/> interactions by time (0: attributes alone),
    /// through fold-in where the model has it, and measured on the rest of their interactions with a
    /// full ranking over every item but the given ones. Named "cold-users" for 0, "cold-users-n" otherwise.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="givenInteractions"/> is negative.</exception>
    public static EvaluationProtocol ColdUsersGiven(int givenInteractions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(givenInteractions);
        var given = givenInteractions == 0
            ? "known by their attributes alone (no interaction given)"
            : string.Create(CultureInfo.InvariantCulture, $"given their first {givenInteractions} interactions by time (fold-in where the model supports it, otherwise its unknown-user fallback)");
        return new EvaluationProtocol
        {
            Name = givenInteractions == 0 ? "cold-users" : string.Create(CultureInfo.InvariantCulture, $"cold-users-{givenInteractions}"),
            Description = $"New users: 20% of the users (seed 42) held out entirely, {given}; every later interaction relevant; full ranking over all items but the given ones, k = 10.",
            Kind = EvaluationKind.ColdUsers,
            CreateSplitter = _ => new ColdUserSplitter(0.2, givenInteractions, seed: 42),
            Metrics = ColdStartMetrics,
            Seed = 42,
        };
    }

    /// <summary>The preset of that name.</summary>
    /// <exception cref="ArgumentException">No preset has that name; the message lists them.</exception>
    public static EvaluationProtocol Get(string name)
        => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown protocol '{name}'. Known protocols: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));

    private static string RequireFolder(ProtocolInput input, string protocol)
        => input.Folder ?? throw new InvalidOperationException($"{protocol} reads split files from the dataset folder, but the dataset was not loaded from a folder.");
}
