using Affinity.Core.Data;

namespace Affinity.Evaluation.Splitting;

/// <summary>Divides a dataset into one or more train/test splits, deterministically for a given seed.</summary>
public interface ISplitter
{
    /// <summary>A short description of the split ("random 5-fold, seed 0").</summary>
    string Description { get; }

    /// <summary>The splits. Train, test and validation of one split are disjoint and together cover the input.</summary>
    IReadOnlyList<DataSplit> Split(Dataset data);
}
