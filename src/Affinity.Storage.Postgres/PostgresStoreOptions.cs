namespace Affinity.Storage.Postgres;

/// <summary>Options of the PostgreSQL store.</summary>
/// <param name="Clock">The time source for registry timestamps (defaults to the system clock).</param>
/// <param name="CopyThreshold">Batches of at least this many events go through COPY (binary); smaller ones through one INSERT over arrays.</param>
public sealed record PostgresStoreOptions(TimeProvider? Clock = null, int CopyThreshold = 64);
