using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;
using Affinity.Core.Engine;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;
using Affinity.Models;
using Affinity.Models.Baselines;
using Affinity.Storage;

namespace Affinity.Server.Serving;

/// <summary>Builds what the engine serves from the store: a registered model, or popularity when there is none.</summary>
internal static class ServedModelLoader
{
    /// <summary>The version label of a registered model ("als#3").</summary>
    public static string VersionOf(ModelInfo info) => $"{info.Algorithm}#{info.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Loads a registered model. The serving dataset is rebuilt from the id maps and seen matrix the
    /// model file keeps, never from a new read of the log, because items added and users forgotten since
    /// training would shift the dense indexes the model's arrays follow.
    /// </summary>
    /// <exception cref="InvalidDataException">The model file is damaged, unknown to this build, or cannot answer by external id.</exception>
    public static async Task<ServedModel> LoadAsync(IStore store, ModelInfo info, IReadOnlyDictionary<string, ItemRecord> items, CancellationToken cancellationToken)
    {
        var content = await store.Models.GetContentAsync(info.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Model {info.Id} has no content.");
        var source = $"model {info.Id} ({info.Algorithm})";
        IPersistableModel loaded;
        if (content.Path is { } path)
        {
            await using var file = File.OpenRead(path);
            loaded = ModelCatalog.Default.Load(file, source);
        }
        else
        {
            using var memory = new MemoryStream(content.Bytes!.Value.ToArray(), writable: false);
            loaded = ModelCatalog.Default.Load(memory, source);
        }

        var model = loaded as ScoringRecommender
            ?? throw new InvalidDataException($"{source} does not keep its training ids, so it cannot be served.");
        var cut = await SnapshotReader.ReadAsync(store, new SnapshotOptions(ThroughSequence: info.Snapshot.ThroughSequence), cancellationToken).ConfigureAwait(false);
        var training = TrainingData(model, cut.Dataset.Kind, info, items);
        var forgotten = new List<string>();
        for (var u = 0; u < model.Users.Count; u++)
        {
            if (!cut.Dataset.Users.TryGetIndex(model.Users[u], out _))
            {
                forgotten.Add(model.Users[u]);
            }
        }

        var snapshot = new ServingSnapshot(model, training, info.Snapshot.ThroughSequence, Catalog(training, items), VersionOf(info));
        return new ServedModel(snapshot, cut.Dataset, info, forgotten);
    }

    /// <summary>Popularity over the whole log, the service's answer until a model is activated.</summary>
    public static async Task<ServedModel> FallbackAsync(IStore store, IReadOnlyDictionary<string, ItemRecord> items, CancellationToken cancellationToken)
    {
        var cut = await SnapshotReader.ReadAsync(store, null, cancellationToken).ConfigureAwait(false);
        var model = new Popularity(new PopularityOptions());
        model.Fit(cut.Dataset, new FitContext { CancellationToken = cancellationToken });
        var snapshot = new ServingSnapshot(model, cut.Dataset, cut.Description.ThroughSequence, Catalog(cut.Dataset, items), version: null);
        return new ServedModel(snapshot, cut.Dataset, null, []);
    }

    /// <summary>The catalogue of the training items with the store's hidden and unavailable flags now.</summary>
    public static ItemCatalog Catalog(Dataset training, IReadOnlyDictionary<string, ItemRecord> items)
        => new(training.Items, training.ItemAttributes, Blocked(items, hidden: true), Blocked(items, hidden: false));

    /// <summary>The ids flagged hidden (or, with <paramref name="hidden"/> false, unavailable).</summary>
    public static List<string> Blocked(IReadOnlyDictionary<string, ItemRecord> items, bool hidden)
    {
        var ids = new List<string>();
        foreach (var (id, item) in items)
        {
            if (hidden ? item.Hidden : !item.Available)
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private static Dataset TrainingData(ScoringRecommender model, FeedbackKind kind, ModelInfo info, IReadOnlyDictionary<string, ItemRecord> records)
    {
        var builder = new DatasetBuilder(VersionOf(info), kind);
        for (var u = 0; u < model.Users.Count; u++)
        {
            builder.AddUser(model.Users[u]);
        }

        for (var i = 0; i < model.Items.Count; i++)
        {
            builder.AddItem(model.Items[i]);
        }

        var seen = model.TrainingInteractions;
        for (var u = 0; u < seen.RowCount; u++)
        {
            var columns = seen.RowColumns(u);
            var values = seen.RowValues(u);
            for (var k = 0; k < columns.Length; k++)
            {
                builder.Add(model.Users[u], model.Items[columns[k]], values[k]);
            }
        }

        // Attributes as the catalogue holds them now, for the model's items only (new items wait for a model trained on them).
        for (var i = 0; i < model.Items.Count; i++)
        {
            if (records.TryGetValue(model.Items[i], out var record))
            {
                AddAttributes(builder.ItemAttributes, record.Id, record.Attributes);
            }
        }

        return builder.Build();
    }

    /// <summary>Copies a record's attributes into a table being built.</summary>
    public static void AddAttributes(AttributeTableBuilder table, string id, EntityAttributes attributes)
    {
        foreach (var (name, value) in attributes.Categorical)
        {
            table.SetCategorical(id, name, value);
        }

        foreach (var (name, tags) in attributes.Tags)
        {
            foreach (var tag in tags)
            {
                table.AddTag(id, name, tag);
            }
        }

        foreach (var (name, value) in attributes.Numeric)
        {
            table.SetNumeric(id, name, value);
        }

        foreach (var (name, value) in attributes.Text)
        {
            table.SetText(id, name, value);
        }
    }
}
