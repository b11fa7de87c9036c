namespace Affinity.Models.Neighborhood;

/// <summary>Argument checks for the histories that fold-in scores.</summary>
internal static class KnnHistory
{
    /// <summary>Throws unless every item is a training item and every item has a value.</summary>
    public static void Check(ReadOnlySpan<int> items, ReadOnlySpan<float> values, int itemCount)
    {
        if (items.Length != values.Length)
        {
            throw new ArgumentException("Every history item needs a value.", nameof(values));
        }

        foreach (var item in items)
        {
            if ((uint)item >= (uint)itemCount)
            {
                throw new ArgumentOutOfRangeException(nameof(items), item, $"The history holds the item {item}, outside the {itemCount} training items.");
            }
        }
    }
}
