using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Core.Cleaning;

/// <summary>Pipeline step for <see cref="InteractionFilters.MinInteractions"/> (one pass).</summary>
public sealed record MinInteractionsStep : ICleaningStep
{
    /// <summary>Creates the step.</summary>
    public MinInteractionsStep(int minUserInteractions, int minItemInteractions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minUserInteractions);
        ArgumentOutOfRangeException.ThrowIfNegative(minItemInteractions);
        MinUserInteractions = minUserInteractions;
        MinItemInteractions = minItemInteractions;
    }

    /// <summary>The fewest interactions a user needs to stay.</summary>
    public int MinUserInteractions { get; }

    /// <summary>The fewest interactions an item needs to stay.</summary>
    public int MinItemInteractions { get; }

    /// <inheritdoc />
    public string Describe()
        => string.Create(CultureInfo.InvariantCulture, $"drop users with < {MinUserInteractions} and items with < {MinItemInteractions} interactions (one pass)");

    /// <inheritdoc />
    public Dataset Apply(Dataset data) => InteractionFilters.MinInteractions(data, MinUserInteractions, MinItemInteractions);
}
