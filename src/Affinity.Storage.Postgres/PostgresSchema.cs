namespace Affinity.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema, one script per version (a released script never changes). Ids use the
/// "C" collation so listing order is ordinal, as in SQLite; sequence numbers are identity columns,
/// which never hand out a number twice.
/// </summary>
internal static class PostgresSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE events (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            user_id text COLLATE "C" NOT NULL,
            item_id text COLLATE "C" NOT NULL,
            event_type text NOT NULL,
            value real NOT NULL,
            ts_ms bigint NOT NULL);
        CREATE INDEX events_by_user ON events (user_id, seq);
        CREATE TABLE items (
            id text COLLATE "C" NOT NULL PRIMARY KEY,
            attributes jsonb NOT NULL,
            available boolean NOT NULL,
            hidden boolean NOT NULL);
        CREATE TABLE users (
            id text COLLATE "C" NOT NULL PRIMARY KEY,
            attributes jsonb NOT NULL);
        CREATE TABLE models (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            algorithm text NOT NULL,
            options jsonb NOT NULL,
            snapshot_through bigint NOT NULL,
            snapshot_events integer NOT NULL,
            snapshot_users integer NOT NULL,
            snapshot_items integer NOT NULL,
            snapshot_checksum text NOT NULL,
            metrics jsonb NOT NULL,
            status text NOT NULL CHECK (status IN ('Training', 'Ready', 'Active', 'Failed', 'Retired')),
            created_ms bigint NOT NULL,
            content bytea,
            content_path text,
            content_length bigint NOT NULL,
            CHECK ((content IS NULL) <> (content_path IS NULL)));
        CREATE UNIQUE INDEX models_one_active ON models (status) WHERE status = 'Active';
        CREATE TABLE model_activations (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            model_id bigint NOT NULL REFERENCES models (id),
            activated_ms bigint NOT NULL);
        """,
    ];
}
