using Affinity.Core.Data;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Protocols;

/// <summary>
/// A complete evaluation recipe: which data preparation, which split, what is measured and how,
/// so that a number we report compares with a published one measured the same way.
/// </summary>
public sealed record EvaluationProtocol
{
    /// <summary>The preset name ("ml100k-u1u5").</summary>
    public required string Name { get; init; }

    /// <summary>What the protocol is and whose table it reproduces.</summary>
    public required string Description { get; init; }

    /// <summary>The dataset the published table used, when the protocol is tied to one.</summary>
    public string? DefaultDataset { get; init; }

    /// <summary>What is measured.</summary>
    public required EvaluationKind Kind { get; init; }

    /// <summary>Data preparation before splitting (filters, implicit conversion); identity by default.</summary>
    public Func<Dataset, Dataset> Prepare { get; init; } = static d => d;

    /// <summary>Creates the splitter for the prepared input.</summary>
    public required Func<ProtocolInput, ISplitter> CreateSplitter { get; init; }

    /// <summary>The metrics reported by default, in table order.</summary>
    public required IReadOnlyList<string> Metrics { get; init; }

    /// <summary>Test interactions with a value below this are not relevant (ranking protocols); null keeps all.</summary>
    public float? RelevanceThreshold { get; init; }

    /// <summary>Sampled negatives per positive (sampled ranking).</summary>
    public int SampledNegatives { get; init; } = 99;

    /// <summary>Whether validation interactions are excluded from the test candidates (RecBole masks them).</summary>
    public bool ExcludeValidationFromCandidates { get; init; } = true;

    /// <summary>The seed of every random choice in the protocol.</summary>
    public int Seed { get; init; }
}
