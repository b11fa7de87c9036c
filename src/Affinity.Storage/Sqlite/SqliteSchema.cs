namespace Affinity.Storage.Sqlite;

/// <summary>
/// The SQLite schema, one script per version. A released script never changes; a new version
/// appends a script. Sequence numbers use AUTOINCREMENT so that a deleted event's number is never
/// handed out again (a plain rowid would reuse the highest one after a forget).
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            value REAL NOT NULL,
            ts_ms INTEGER NOT NULL);
        CREATE INDEX events_by_user ON events (user_id, seq);
        CREATE TABLE items (
            id TEXT NOT NULL PRIMARY KEY,
            attributes TEXT NOT NULL,
            available INTEGER NOT NULL,
            hidden INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE users (
            id TEXT NOT NULL PRIMARY KEY,
            attributes TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE models (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            algorithm TEXT NOT NULL,
            options TEXT NOT NULL,
            snapshot_through INTEGER NOT NULL,
            snapshot_events INTEGER NOT NULL,
            snapshot_users INTEGER NOT NULL,
            snapshot_items INTEGER NOT NULL,
            snapshot_checksum TEXT NOT NULL,
            metrics TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('Training', 'Ready', 'Active', 'Failed', 'Retired')),
            created_ms INTEGER NOT NULL,
            content BLOB,
            content_path TEXT,
            content_length INTEGER NOT NULL,
            CHECK ((content IS NULL) <> (content_path IS NULL)));
        CREATE UNIQUE INDEX models_one_active ON models (status) WHERE status = 'Active';
        CREATE TABLE model_activations (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            model_id INTEGER NOT NULL REFERENCES models (id),
            activated_ms INTEGER NOT NULL);
        """,
    ];
}
