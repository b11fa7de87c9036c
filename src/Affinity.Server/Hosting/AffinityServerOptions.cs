namespace Affinity.Server.Hosting;

/// <summary>How <see cref="AffinityServer"/> builds the service. Immutable; the defaults suit a laptop.</summary>
public sealed record AffinityServerOptions
{
    /// <summary>The variable that moves Affinity's home folder (default <c>~/.affinity</c>).</summary>
    public const string HomeVariable = "AFFINITY_HOME";

    /// <summary>The store connection string (<c>sqlite:PATH</c> or <c>postgres:...</c>); null for <see cref="DefaultStore"/>.</summary>
    public string? Store { get; init; }

    /// <summary>The addresses to listen on, separated by ';'.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>The accepted API keys; none means everyone is admin and the server listens on loopback only.</summary>
    public IReadOnlyList<ApiKey> ApiKeys { get; init; } = [];

    /// <summary>The model a training request that names none trains.</summary>
    public string DefaultModel { get; init; } = "als";

    /// <summary>Requests per second each API key (or, without keys, each client address) may make; bursts up to twice that.</summary>
    public int RequestsPerSecond
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(RequestsPerSecond));
            field = value;
        }
    } = 2_000;

    /// <summary>The largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1024, nameof(MaxRequestBodyBytes));
            field = value;
        }
    } = 4 * 1024 * 1024;

    /// <summary>The largest batch of events in one request.</summary>
    public int MaxBatchEvents
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxBatchEvents));
            field = value;
        }
    } = 10_000;

    /// <summary>
    /// While no model is active, how long the popularity fallback waits after an event before it is
    /// rebuilt from the log (events arriving meanwhile join the same rebuild). Zero rebuilds at once.
    /// </summary>
    public TimeSpan FallbackRefresh
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, nameof(FallbackRefresh));
            field = value;
        }
    } = TimeSpan.FromSeconds(1);

    /// <summary>The store used when none is given: <c>sqlite:$AFFINITY_HOME/affinity.db</c>, or <c>~/.affinity/affinity.db</c>.</summary>
    public static string DefaultStore()
    {
        var home = Environment.GetEnvironmentVariable(HomeVariable);
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".affinity");
        }

        Directory.CreateDirectory(home);
        return "sqlite:" + Path.Combine(home, "affinity.db");
    }
}
