using Affinity.Core.Data;

namespace Affinity.Core.Cleaning;

/// <summary>One step of a <see cref="CleaningPipeline"/>: a pure function from dataset to dataset.</summary>
public interface ICleaningStep
{
    /// <summary>One line saying what the step does, with its settings, for reports and logs.</summary>
    string Describe();

    /// <summary>Returns the cleaned dataset; the input is left as it is.</summary>
    Dataset Apply(Dataset data);
}
