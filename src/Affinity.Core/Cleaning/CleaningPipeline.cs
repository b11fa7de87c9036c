using Affinity.Core.Data;

namespace Affinity.Core.Cleaning;

/// <summary>
/// Applies cleaning steps in order, each to the output of the one before, and reports for every
/// step its description and the interactions, users and items that remain. Immutable.
/// </summary>
public sealed class CleaningPipeline
{
    private readonly ICleaningStep[] _steps;

    /// <summary>Creates a pipeline of the steps, in order (none is allowed: the data passes through).</summary>
    public CleaningPipeline(IEnumerable<ICleaningStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = [.. steps];
        foreach (var step in _steps)
        {
            ArgumentNullException.ThrowIfNull(step, nameof(steps));
        }
    }

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<ICleaningStep> Steps => _steps;

    /// <summary>Runs every step and returns the final dataset with one report line per step.</summary>
    public CleaningResult Run(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var reports = new CleaningStepReport[_steps.Length];
        for (var s = 0; s < _steps.Length; s++)
        {
            var rowsIn = data.Count;
            data = _steps[s].Apply(data);
            reports[s] = new CleaningStepReport(_steps[s].Describe(), rowsIn, data.Count, Distinct(data.UserIndexes, data.UserCount), Distinct(data.ItemIndexes, data.ItemCount));
        }

        return new CleaningResult(data, reports);
    }

    private static int Distinct(ReadOnlySpan<int> indexes, int count)
    {
        var seen = new bool[count];
        var distinct = 0;
        foreach (var index in indexes)
        {
            if (!seen[index])
            {
                seen[index] = true;
                distinct++;
            }
        }

        return distinct;
    }
}
