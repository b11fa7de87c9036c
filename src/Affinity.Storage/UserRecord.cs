namespace Affinity.Storage;

/// <summary>A user record.</summary>
/// <param name="Id">The external user id.</param>
/// <param name="Attributes">Their attributes (age, country, ...).</param>
public sealed record UserRecord(string Id, EntityAttributes Attributes);
