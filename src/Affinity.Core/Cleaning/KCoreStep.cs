using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Core.Cleaning;

/// <summary>Pipeline step for <see cref="InteractionFilters.KCore"/>.</summary>
public sealed record KCoreStep : ICleaningStep
{
    /// <summary>Creates the step.</summary>
    public KCoreStep(int userK, int itemK)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(userK);
        ArgumentOutOfRangeException.ThrowIfNegative(itemK);
        UserK = userK;
        ItemK = itemK;
    }

    /// <summary>The fewest interactions every remaining user has.</summary>
    public int UserK { get; }

    /// <summary>The fewest interactions every remaining item has.</summary>
    public int ItemK { get; }

    /// <inheritdoc />
    public string Describe()
        => string.Create(CultureInfo.InvariantCulture, $"k-core: repeat until every user has >= {UserK} and every item >= {ItemK} interactions");

    /// <inheritdoc />
    public Dataset Apply(Dataset data) => InteractionFilters.KCore(data, UserK, ItemK);
}
