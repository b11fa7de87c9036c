using Affinity.Core.Data;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Tuning;

/// <summary>Returns splits made beforehand, so the evaluation runner measures exactly them.</summary>
internal sealed class FixedSplitter(IReadOnlyList<DataSplit> splits, string description) : ISplitter
{
    public string Description => description;

    public IReadOnlyList<DataSplit> Split(Dataset data) => splits;
}
