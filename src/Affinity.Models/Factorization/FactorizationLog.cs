using Microsoft.Extensions.Logging;

namespace Affinity.Models.Factorization;

/// <summary>The log messages of the factor models (source-generated).</summary>
internal static partial class FactorizationLog
{
    /// <summary>One ALS iteration's training objective.</summary>
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "ALS iteration {Iteration}: objective {Loss}")]
    public static partial void AlsIteration(ILogger logger, int iteration, double loss);

    /// <summary>One BPR epoch's share of correctly ordered samples and of rejected negatives.</summary>
    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "BPR epoch {Epoch}: {Correct} of {Used} samples ordered correctly, {Skipped} negatives rejected")]
    public static partial void BprEpoch(ILogger logger, int epoch, long correct, long used, long skipped);
}
