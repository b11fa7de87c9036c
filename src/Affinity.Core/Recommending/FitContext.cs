using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Affinity.Core.Recommending;

/// <summary>Progress of a training run, for progress bars.</summary>
/// <param name="Stage">What is happening ("epoch", "similarities").</param>
/// <param name="Done">Units done.</param>
/// <param name="Total">Units in all.</param>
public readonly record struct FitProgress(string Stage, int Done, int Total);

/// <summary>
/// What a training run needs besides the data: the seed for every random choice, the clock, a
/// logger, an optional progress sink, a degree of parallelism and a cancellation token.
/// </summary>
public sealed record FitContext
{
    /// <summary>A context with seed 42 and no logging, for tests and simple use.</summary>
    public static FitContext Default { get; } = new();

    /// <summary>The seed for every random choice the model makes.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The clock (time-decayed models read "now" from it).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where the model logs.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Receives progress reports, when set.</summary>
    public IProgress<FitProgress>? Progress { get; init; }

    /// <summary>How many threads training may use; -1 means all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Stops training early.</summary>
    public CancellationToken CancellationToken { get; init; }
}
