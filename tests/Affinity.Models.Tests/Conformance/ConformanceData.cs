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
    /// registered user u5 (4) with no interactions and a catalogue item i6 (5) nobody touched. Items
    /// have genres (i1 Action Sci-Fi, i2 Comedy, i3 Action, i4 Comedy Drama, i5 Drama Sci-Fi, i6 Comedy
    /// Sci-Fi), so models that read item features can score every user with a history; users have no
    /// attributes, so u5 stays a user nothing is known of.
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
        (string Item, string Genre)[] genres =
        [
            ("i1", "Action"), ("i1", "Sci-Fi"), ("i2", "Comedy"), ("i3", "Action"), ("i4", "Comedy"),
            ("i4", "Drama"), ("i5", "Drama"), ("i5", "Sci-Fi"), ("i6", "Comedy"), ("i6", "Sci-Fi"),
        ];
        foreach (var (item, genre) in genres)
        {
            b.ItemAttributes.AddTag(item, "genres", genre);
        }

        return b.Build();
    }
}
