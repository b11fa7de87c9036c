namespace Affinity.Storage;

/// <summary>What <see cref="IStore.ForgetUserAsync"/> removed.</summary>
/// <param name="EventsDeleted">The number of the user's events deleted.</param>
/// <param name="UserDeleted">Whether a user record existed and was deleted.</param>
public sealed record ForgetResult(int EventsDeleted, bool UserDeleted);
