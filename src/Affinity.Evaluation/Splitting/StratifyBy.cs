namespace Affinity.Evaluation.Splitting;

/// <summary>Which interactions a stratified split keeps together when it applies its ratio.</summary>
public enum StratifyBy
{
    /// <summary>Each user's interactions are split by the ratio (Microsoft Recommenders' <c>filter_by="user"</c>).</summary>
    User,

    /// <summary>Each item's interactions are split by the ratio (<c>filter_by="item"</c>).</summary>
    Item,
}
