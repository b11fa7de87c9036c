namespace Affinity.Storage;

/// <summary>A catalogue item.</summary>
/// <param name="Id">The external item id.</param>
/// <param name="Attributes">Its attributes (genres, price, title, ...).</param>
/// <param name="Available">Whether it can be recommended now (in stock, published); unavailable items stay in the catalogue and in training.</param>
/// <param name="Hidden">Whether it must never be shown (withdrawn, unsafe), whatever it scores.</param>
public sealed record ItemRecord(string Id, EntityAttributes Attributes, bool Available = true, bool Hidden = false);
