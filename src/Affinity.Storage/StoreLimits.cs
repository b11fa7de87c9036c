namespace Affinity.Storage;

/// <summary>The sizes every store accepts; longer input is rejected with a clear error, never cut.</summary>
public static class StoreLimits
{
    /// <summary>The longest user or item id, in UTF-16 characters.</summary>
    public const int MaxIdLength = 256;

    /// <summary>The longest event type name.</summary>
    public const int MaxEventTypeLength = 64;

    /// <summary>The longest attribute (column) name and the longest algorithm name.</summary>
    public const int MaxNameLength = 128;
}
