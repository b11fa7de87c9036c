using Affinity.Core.Data;

namespace Affinity.Testing;

/// <summary>Small hand-made datasets whose every number can be checked by hand.</summary>
public static class TinyData
{
    /// <summary>
    /// Four users, five items, explicit ratings with timestamps:
    /// u1: i1=5 i2=3 i3=4; u2: i1=4 i3=5 i4=2; u3: i2=1 i4=4 i5=5; u4: i1=3 i5=2.
    /// </summary>
    public static Dataset Ratings()
    {
        var b = new DatasetBuilder("tiny", FeedbackKind.Explicit);
        (string U, string I, float V)[] rows =
        [
            ("u1", "i1", 5), ("u1", "i2", 3), ("u1", "i3", 4),
            ("u2", "i1", 4), ("u2", "i3", 5), ("u2", "i4", 2),
            ("u3", "i2", 1), ("u3", "i4", 4), ("u3", "i5", 5),
            ("u4", "i1", 3), ("u4", "i5", 2),
        ];
        var t = 1_000L;
        foreach (var (u, i, v) in rows)
        {
            b.Add(u, i, v, t++);
        }

        return b.Build();
    }

    /// <summary>
    /// A checkerboard of implicit feedback: users and items in two groups, every user of a group
    /// interacted with every item of the same group except one held back, so any sensible model
    /// should recommend the held-back same-group item first (the fixture from the implicit library).
    /// </summary>
    public static Dataset Checkerboard(int groupSize = 5)
    {
        var b = new DatasetBuilder("checkerboard", FeedbackKind.Implicit);
        for (var u = 0; u < 2 * groupSize; u++)
        {
            b.AddUser($"u{u}");
        }

        for (var i = 0; i < 2 * groupSize; i++)
        {
            b.AddItem($"i{i}");
        }

        for (var u = 0; u < 2 * groupSize; u++)
        {
            var group = u / groupSize;
            for (var i = group * groupSize; i < (group + 1) * groupSize; i++)
            {
                if (i % groupSize != u % groupSize)
                {
                    b.Add($"u{u}", $"i{i}", 1f);
                }
            }
        }

        return b.Build();
    }
}
