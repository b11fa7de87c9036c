namespace Affinity.Server.Hosting;

/// <summary>What an API key may do.</summary>
public enum ApiRole
{
    /// <summary>Read-only: recommendations, profiles, model lists, metrics.</summary>
    Read,

    /// <summary>Everything: ingest events, change items and users, forget users, train and activate models.</summary>
    Admin,
}

/// <summary>An API key the server accepts in the <c>X-Api-Key</c> header, and its role. Immutable.</summary>
/// <param name="Key">The secret (at least 16 characters, so a guess is hopeless).</param>
/// <param name="Role">What it may do.</param>
public sealed record ApiKey(string Key, ApiRole Role)
{
    /// <summary>The shortest key accepted.</summary>
    public const int MinLength = 16;

    /// <summary>Reads <c>KEY:ROLE</c> (role "read" or "admin"; "write" is an alias of admin).</summary>
    /// <exception cref="FormatException">No role, an unknown role, or a key shorter than <see cref="MinLength"/>.</exception>
    public static ApiKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            throw new FormatException("An API key is given as KEY:ROLE, with ROLE 'read' or 'admin'.");
        }

        var key = text[..colon];
        var role = text[(colon + 1)..].Trim().ToUpperInvariant() switch
        {
            "READ" => ApiRole.Read,
            "ADMIN" or "WRITE" => ApiRole.Admin,
            _ => throw new FormatException($"Unknown API key role '{text[(colon + 1)..]}': use 'read' or 'admin'."),
        };
        if (key.Length < MinLength)
        {
            throw new FormatException($"An API key must have at least {MinLength} characters.");
        }

        return new ApiKey(key, role);
    }

    /// <summary>The role only, so that logging the record never prints the secret.</summary>
    public override string ToString() => $"ApiKey({Role})";
}
