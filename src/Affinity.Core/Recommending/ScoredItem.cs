namespace Affinity.Core.Recommending;

/// <summary>An item's dense index and the score a model gave it.</summary>
public readonly record struct ScoredItem(int Item, float Score);
