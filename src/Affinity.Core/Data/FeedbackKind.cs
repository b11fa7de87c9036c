namespace Affinity.Core.Data;

/// <summary>What the interaction values mean.</summary>
public enum FeedbackKind
{
    /// <summary>Explicit ratings on a scale (MovieLens stars).</summary>
    Explicit,

    /// <summary>Implicit signals: counts, plays, weights or plain presence (1).</summary>
    Implicit,
}
