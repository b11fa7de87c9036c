using Affinity.Core.Cleaning;
using Affinity.Core.Data;

namespace Affinity.Evaluation.Protocols;

/// <summary>
/// RecBole's data preparation for its ML-1M general-recommendation benchmark: keep ratings in
/// [3, inf) (<c>val_interval: {rating: "[3,inf)"}</c>), then filter users and items to at least 10
/// interactions each, repeating until stable (<c>user_inter_num_interval</c> and
/// <c>item_inter_num_interval</c> "[10,inf)"). Kept interactions become implicit positives; their
/// ratings are kept as values.
/// </summary>
public static class RecBolePreparation
{
    /// <summary>The minimum rating kept.</summary>
    public const float MinimumRating = 3f;

    /// <summary>The k of the k-core filter.</summary>
    public const int Core = 10;

    /// <summary>Applies the preparation.</summary>
    public static Dataset Apply(Dataset data)
        => InteractionFilters.KCore(ImplicitConversion.Threshold(data, MinimumRating, keepValues: true), Core, Core);
}
