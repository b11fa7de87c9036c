using Microsoft.Extensions.Logging;

namespace Affinity.Models.Hybrid;

/// <summary>The log messages of the hybrid models (source-generated).</summary>
internal static partial class HybridLog
{
    /// <summary>One LightFM epoch: how many samples made an update (WARP found a violating negative; BPR always).</summary>
    [LoggerMessage(EventId = 3201, Level = LogLevel.Debug, Message = "LightFM epoch {Epoch}: {Updates} of {Samples} samples made an update")]
    public static partial void LightFmEpoch(ILogger logger, int epoch, long updates, int samples);
}
