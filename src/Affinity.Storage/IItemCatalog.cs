namespace Affinity.Storage;

/// <summary>The item catalogue: attributes and the flags that business rules read.</summary>
public interface IItemCatalog
{
    /// <summary>Inserts the item or replaces it whole (attributes and flags).</summary>
    /// <exception cref="Core.Data.DataFormatException">A field is invalid; nothing was stored.</exception>
    Task UpsertAsync(ItemRecord item, CancellationToken cancellationToken);

    /// <summary>Upserts many items in one transaction: all or none.</summary>
    /// <exception cref="Core.Data.DataFormatException">An item is invalid; nothing was stored.</exception>
    Task UpsertManyAsync(IReadOnlyList<ItemRecord> items, CancellationToken cancellationToken);

    /// <summary>The item, or null when the catalogue lacks it.</summary>
    Task<ItemRecord?> GetAsync(string itemId, CancellationToken cancellationToken);

    /// <summary>Streams every item in ordinal id order.</summary>
    IAsyncEnumerable<ItemRecord> ListAsync(CancellationToken cancellationToken);
}
