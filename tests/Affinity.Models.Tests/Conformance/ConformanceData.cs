using Affinity.Core.Data;
using Affinity.Testing;

namespace Affinity.Models.Tests.Conformance;

/// <summary>The data the conformance tests fit on.</summary>
public static class ConformanceData
{
    /// <summary>The index of the registered user with no interactions in <see cref="RatingsWithIdleUserAndItem"/>.</summary>
    public const int IdleUser = 4;

    /// <summary>The index of the catalogue item nobody touched in <see cref="RatingsWithIdleUserAndItem"/>.</summary>
    public const int IdleItem = 5;

    /// <summary>
    /// <see cref="TinyData.Ratings"/> (users u1..u4 = 0..3, items i1..i5 = 0..4, with timestamps) plus a
    /// registered user u5 (4) with no interactions and a catalogue item i6 (5) nobody touched.
    /// </summary>
    public static Dataset RatingsWithIdleUserAndItem()
    {
        var tiny = TinyData.Ratings();
        var b = new DatasetBuilder("tiny-plus-idle", tiny.Kind);
        for (var n = 0; n < tiny.Count; n++)
        {
            b.Add(tiny.Users[tiny.UserIndexes[n]], tiny.Items[tiny.ItemIndexes[n]], tiny.Values[n], tiny.Timestamps[n]);
        }

        b.AddUser("u5");
        b.AddItem("i6");
        return b.Build();
    }
}
