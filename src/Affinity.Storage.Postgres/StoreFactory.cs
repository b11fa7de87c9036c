using Affinity.Storage.Postgres;
using Affinity.Storage.Sqlite;

namespace Affinity.Storage;

/// <summary>
/// Opens a store by connection string: <c>sqlite:PATH</c> (the embedded default) or
/// <c>postgres:Host=...;Database=...</c> (an Npgsql connection string). It lives in the PostgreSQL
/// assembly because it is the one place that may know both stores (Affinity.Storage must not
/// reference Npgsql); hosts reference this assembly and call it.
/// </summary>
public static class StoreFactory
{
    /// <summary>The prefix of an embedded SQLite store.</summary>
    public const string SqliteScheme = "sqlite:";

    /// <summary>The prefix of a PostgreSQL store ("postgresql:" is accepted as well).</summary>
    public const string PostgresScheme = "postgres:";

    private static readonly System.Buffers.SearchValues<char> Letters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    /// <summary>Opens (creating and migrating as needed) the store the connection string names.</summary>
    /// <exception cref="ArgumentException">The scheme is unknown or nothing follows it.</exception>
    /// <exception cref="StoreSchemaException">The database was written by a newer Affinity.</exception>
    public static Task<IStore> OpenAsync(string connectionString, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (TryStrip(connectionString, SqliteScheme, out var path))
        {
            return SqliteStore.OpenAsync(path, new SqliteStoreOptions(Clock: clock), cancellationToken);
        }

        if (TryStrip(connectionString, PostgresScheme, out var npgsql) || TryStrip(connectionString, "postgresql:", out npgsql))
        {
            return PostgresStore.OpenAsync(npgsql, new PostgresStoreOptions(clock), cancellationToken);
        }

        // Never echo the whole string: it may hold a password.
        var colon = connectionString.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 && connectionString.AsSpan(0, colon).ContainsAnyExcept(Letters) is false
            ? connectionString[..(colon + 1)]
            : "(none)";
        throw new ArgumentException(
            $"Unknown store scheme '{scheme}': use '{SqliteScheme}PATH' or '{PostgresScheme}Host=...;Database=...'.",
            nameof(connectionString));
    }

    private static bool TryStrip(string connectionString, string scheme, out string rest)
    {
        if (!connectionString.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            rest = string.Empty;
            return false;
        }

        rest = connectionString[scheme.Length..].Trim();
        if (rest.Length == 0)
        {
            throw new ArgumentException($"Nothing follows '{scheme}' in the store connection string.", nameof(connectionString));
        }

        return true;
    }
}
