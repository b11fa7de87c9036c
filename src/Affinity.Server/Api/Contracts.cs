using System.Text.Json;
using Affinity.Storage;

namespace Affinity.Server.Api;

/// <summary>One event: a user did something to an item. Type defaults to "view", value to 1, timestamp to now.</summary>
/// <param name="UserId">The user id.</param>
/// <param name="ItemId">The item id.</param>
/// <param name="Type">The event type ("view", "purchase", "rating").</param>
/// <param name="Value">1 for presence, a count or a rating.</param>
/// <param name="Timestamp">When it happened (ISO 8601).</param>
public sealed record EventBody(string? UserId, string? ItemId, string? Type = null, float? Value = null, DateTimeOffset? Timestamp = null);

/// <summary>The body of <c>POST /v1/events</c>: one event's fields, or <c>events</c> with a batch (not both).</summary>
/// <param name="UserId">The user id of a single event.</param>
/// <param name="ItemId">The item id of a single event.</param>
/// <param name="Type">The event type of a single event.</param>
/// <param name="Value">The value of a single event.</param>
/// <param name="Timestamp">The time of a single event.</param>
/// <param name="Events">A batch, stored atomically.</param>
public sealed record EventsBody(string? UserId = null, string? ItemId = null, string? Type = null, float? Value = null, DateTimeOffset? Timestamp = null, IReadOnlyList<EventBody?>? Events = null);

/// <summary>The answer to <c>POST /v1/events</c>, sent once the events are durable.</summary>
/// <param name="Count">How many events were stored.</param>
/// <param name="FirstSequence">The first one's sequence number.</param>
/// <param name="LastSequence">The last one's sequence number.</param>
public sealed record EventsAccepted(int Count, long FirstSequence, long LastSequence);

/// <summary>An entity's attributes by kind; a name belongs to one kind only.</summary>
/// <param name="Categorical">Single-valued categories ("gender": "F").</param>
/// <param name="Tags">Tag lists ("genres": ["Comedy"]).</param>
/// <param name="Numeric">Numbers ("year": 1995).</param>
/// <param name="Text">Free text ("title": "Toy Story").</param>
public sealed record AttributesBody(
    IReadOnlyDictionary<string, string>? Categorical = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Tags = null,
    IReadOnlyDictionary<string, double>? Numeric = null,
    IReadOnlyDictionary<string, string>? Text = null)
{
    internal EntityAttributes ToEntity()
    {
        try
        {
            return new(Categorical, Tags, Numeric, Text);
        }
        catch (ArgumentException e)
        {
            throw Hosting.ApiException.Invalid("attributes", $"An attribute has no value ({e.ParamName}).");
        }
    }

    internal static AttributesBody From(EntityAttributes attributes) => new(attributes.Categorical, attributes.Tags, attributes.Numeric, attributes.Text);
}

/// <summary>The body of <c>PUT /v1/items/{id}</c>; the item is replaced whole.</summary>
/// <param name="Attributes">Its attributes.</param>
/// <param name="Available">Whether it may be recommended now (default true).</param>
/// <param name="Hidden">Whether it must never be shown (default false).</param>
public sealed record ItemBody(AttributesBody? Attributes = null, bool? Available = null, bool? Hidden = null);

/// <summary>The body of <c>PUT /v1/users/{id}</c>.</summary>
/// <param name="Attributes">Their attributes.</param>
public sealed record UserBody(AttributesBody? Attributes = null);

/// <summary>An item as stored.</summary>
/// <param name="Id">The item id.</param>
/// <param name="Attributes">Its attributes.</param>
/// <param name="Available">Whether it may be recommended.</param>
/// <param name="Hidden">Whether it is never shown.</param>
public sealed record ItemView(string Id, AttributesBody Attributes, bool Available, bool Hidden);

/// <summary>A user as stored.</summary>
/// <param name="Id">The user id.</param>
/// <param name="Attributes">Their attributes.</param>
public sealed record UserView(string Id, AttributesBody Attributes);

/// <summary>What <c>DELETE /v1/users/{id}</c> removed.</summary>
/// <param name="UserId">The user.</param>
/// <param name="EventsDeleted">Their stored events deleted.</param>
/// <param name="RecordDeleted">Whether a user record existed.</param>
/// <param name="ServingStateCleared">Whether the engine held live events or a training history for them.</param>
public sealed record ForgetView(string UserId, int EventsDeleted, bool RecordDeleted, bool ServingStateCleared);

/// <summary>One reason of an explanation.</summary>
/// <param name="Kind">historyItem, feature, popularity or bias.</param>
/// <param name="Weight">How much it contributed.</param>
/// <param name="ItemId">The history item, for historyItem reasons.</param>
/// <param name="Feature">The feature name, for feature reasons.</param>
public sealed record ReasonView(string Kind, float Weight, string? ItemId, string? Feature);

/// <summary>Why an item was recommended.</summary>
/// <param name="Score">The score being explained.</param>
/// <param name="Reasons">The strongest reasons first.</param>
public sealed record ExplanationView(float Score, IReadOnlyList<ReasonView> Reasons);

/// <summary>One recommended item.</summary>
/// <param name="ItemId">The item id.</param>
/// <param name="Score">Its score after boosts and decay.</param>
/// <param name="Rank">Its 0-based position.</param>
/// <param name="Rules">The rules that acted on it (boosted, decayed, diversified, pinned).</param>
/// <param name="Explanation">Why, when asked with explain=true.</param>
public sealed record RecommendedItem(string ItemId, float Score, int Rank, IReadOnlyList<string> Rules, ExplanationView? Explanation);

/// <summary>The answer to <c>GET /v1/users/{id}/recommendations</c>.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Route">model, foldIn or fallback.</param>
/// <param name="Fallback">Whether the user got popularity because the model can't score them (new, unknown or forgotten).</param>
/// <param name="ModelVersion">The served model ("als#3"), or null for the popularity fallback.</param>
/// <param name="SnapshotSequence">The event sequence the served model was trained through.</param>
/// <param name="PendingLiveItems">Items of the user's recent events that the served model does not know yet.</param>
/// <param name="Items">The items, best first.</param>
public sealed record RecommendationsView(string UserId, string Route, bool Fallback, string? ModelVersion, long SnapshotSequence, int PendingLiveItems, IReadOnlyList<RecommendedItem> Items);

/// <summary>An item with a score.</summary>
/// <param name="ItemId">The item id.</param>
/// <param name="Score">Its score (similarity, popularity).</param>
/// <param name="Rank">Its 0-based position.</param>
public sealed record ScoredItem(string ItemId, float Score, int Rank);

/// <summary>A ranked list of items.</summary>
/// <param name="ModelVersion">The served model, or null for the popularity fallback.</param>
/// <param name="Items">The items, best first.</param>
public sealed record ItemListView(string? ModelVersion, IReadOnlyList<ScoredItem> Items);

/// <summary>The body of <c>POST /v1/models/train</c>.</summary>
/// <param name="Model">The model catalogue name ("als", "popularity"); the server's default when left out.</param>
/// <param name="Options">The model's options (camelCase JSON); its defaults when left out.</param>
/// <param name="Activate">Whether to activate the model once trained.</param>
/// <param name="Evaluate">Whether to measure NDCG@10 and Recall@10 on a per-user 10% holdout first (default true).</param>
public sealed record TrainBody(string? Model = null, JsonElement? Options = null, bool? Activate = null, bool? Evaluate = null);

/// <summary>A registered model.</summary>
/// <param name="Id">The registry id.</param>
/// <param name="Algorithm">The model catalogue name.</param>
/// <param name="Status">training, ready, active, failed or retired.</param>
/// <param name="Version">The version label the API reports ("als#3").</param>
/// <param name="Options">Its options.</param>
/// <param name="Metrics">Its training and evaluation figures.</param>
/// <param name="Snapshot">The cut of the log it was trained on.</param>
/// <param name="CreatedAt">When it was registered.</param>
public sealed record ModelView(long Id, string Algorithm, string Status, string Version, JsonElement Options, JsonElement Metrics, TrainingSnapshot Snapshot, DateTimeOffset CreatedAt);

/// <summary>The answer to <c>GET /v1/health</c>.</summary>
/// <param name="Status">"ok".</param>
/// <param name="ModelVersion">The served model, or null.</param>
/// <param name="Fallback">Whether no model is active and popularity is served.</param>
/// <param name="Message">What is served, in words.</param>
/// <param name="SnapshotSequence">The sequence the served data reaches.</param>
/// <param name="EventsIngested">Events acknowledged since start.</param>
/// <param name="LiveUsers">Users with events newer than the served model.</param>
public sealed record HealthView(string Status, string? ModelVersion, bool Fallback, string Message, long SnapshotSequence, long EventsIngested, int LiveUsers);
