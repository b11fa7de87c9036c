using System.Globalization;

namespace Affinity.Core.Cleaning;

/// <summary>What one pipeline step did.</summary>
/// <param name="Description">The step's <see cref="ICleaningStep.Describe"/> line.</param>
/// <param name="RowsIn">Interactions before the step.</param>
/// <param name="RowsOut">Interactions after the step.</param>
/// <param name="UsersOut">Users with at least one interaction after the step.</param>
/// <param name="ItemsOut">Items with at least one interaction after the step.</param>
public sealed record CleaningStepReport(string Description, int RowsIn, int RowsOut, int UsersOut, int ItemsOut)
{
    /// <summary>The report as one line, for example "k-core ...: 100000 -> 97953 rows (943 users, 1152 items)".</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Description}: {RowsIn} -> {RowsOut} rows ({UsersOut} users, {ItemsOut} items)");
}
