using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Evaluation.Splitting;

/// <summary>
/// The new-item split of Kula ("Metadata Embeddings for User and Item Cold-start Recommendations",
/// CBRecSys 2015): a seeded random share of the items is held out entirely, every interaction with
/// them goes to test and every other interaction trains. The training part keeps the full id maps and
/// attribute tables (<see cref="Dataset.Subset"/>), so a held-out item still has its dense index and
/// its attributes, with no interactions.
/// </summary>
/// <remarks>
/// The share is taken of the items with at least one interaction (an item nobody touched is cold
/// already and could not be tested): <c>round(share × n)</c> of them, rounded half to even, at least
/// one when <c>n ≥ 1</c>. They are the first of the touched items, in index order, after a Fisher–Yates
/// shuffle by <see cref="Random(int)"/> with the seed. The held-out items are exactly the items of the
/// test part (<see cref="HeldOutItems"/>). Parts keep the input order of their interactions.
/// </remarks>
public sealed class ColdItemSplitter : ISplitter
{
    private readonly double _share;
    private readonly int _seed;

    /// <summary>Creates the splitter.</summary>
    /// <param name="share">The share of the touched items to hold out, strictly between 0 and 1 (Kula: 0.2).</param>
    /// <param name="seed">The seed of the item shuffle.</param>
    /// <exception cref="ArgumentOutOfRangeException">The share is not strictly between 0 and 1.</exception>
    public ColdItemSplitter(double share = 0.2, int seed = 42)
    {
        if (!(share > 0 && share < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "The share of held-out items must be strictly between 0 and 1.");
        }

        _share = share;
        _seed = seed;
    }

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture, $"new items: {_share:0.###} of the items held out entirely, seed {_seed}");

    /// <summary>How many of <paramref name="touchedItems"/> items are held out.</summary>
    public int HeldOutCount(int touchedItems)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(touchedItems);
        return touchedItems == 0 ? 0 : Math.Max(1, (int)Math.Round(touchedItems * _share, MidpointRounding.ToEven));
    }

    /// <summary>The held-out items of a split this splitter made: the distinct items of its test part, ascending.</summary>
    public static int[] HeldOutItems(DataSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        var byItem = split.Test.ByItem;
        var items = new List<int>();
        for (var i = 0; i < byItem.RowCount; i++)
        {
            if (byItem.RowLength(i) > 0)
            {
                items.Add(i);
            }
        }

        return [.. items];
    }

    /// <inheritdoc />
    public IReadOnlyList<DataSplit> Split(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var counts = data.ItemCounts();
        var touched = new List<int>(counts.Length);
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0)
            {
                touched.Add(i);
            }
        }

        var order = touched.ToArray();
        new Random(_seed).Shuffle(order);
        var cold = new bool[data.ItemCount];
        var heldOut = HeldOutCount(order.Length);
        for (var k = 0; k < heldOut; k++)
        {
            cold[order[k]] = true;
        }

        var items = data.ItemIndexes;
        var partOf = new sbyte[data.Count];
        for (var n = 0; n < partOf.Length; n++)
        {
            partOf[n] = cold[items[n]] ? SplitParts.Test : SplitParts.Train;
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"{heldOut} new items");
        return [SplitParts.Build(data, partOf, name, withValidation: false)];
    }
}
