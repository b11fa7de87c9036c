using Affinity.Core.Data;

namespace Affinity.Core.Cleaning;

/// <summary>Pipeline step for <see cref="Deduplication.Deduplicate"/>.</summary>
public sealed record DeduplicateStep : ICleaningStep
{
    /// <summary>Creates the step.</summary>
    public DeduplicateStep(DuplicatePolicy policy)
    {
        if (!Enum.IsDefined(policy))
        {
            throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown duplicate policy.");
        }

        Policy = policy;
    }

    /// <summary>How repeated events of a pair are combined.</summary>
    public DuplicatePolicy Policy { get; }

    /// <inheritdoc />
    public string Describe() => Policy switch
    {
        DuplicatePolicy.First => "deduplicate (user, item) pairs: keep the first event",
        DuplicatePolicy.Last => "deduplicate (user, item) pairs: keep the last event",
        DuplicatePolicy.Count => "deduplicate (user, item) pairs: value = number of events (implicit)",
        _ => $"deduplicate (user, item) pairs: value = {Policy.ToString().ToLowerInvariant()} of values, latest timestamp",
    };

    /// <inheritdoc />
    public Dataset Apply(Dataset data) => Deduplication.Deduplicate(data, Policy);
}
