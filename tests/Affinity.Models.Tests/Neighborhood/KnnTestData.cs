using Affinity.Core.Data;

namespace Affinity.Models.Tests.Neighborhood;

/// <summary>Data for the neighbourhood tests.</summary>
public static class KnnTestData
{
    /// <summary>
    /// Random ratings 1..5: every (user, item) pair is rated with probability <paramref name="density"/>,
    /// drawn from a seeded generator, so the data are the same on every run.
    /// </summary>
    public static Dataset Random(int users, int items, double density, int seed, FeedbackKind kind = FeedbackKind.Explicit)
    {
        var random = new Random(seed);
        var b = new DatasetBuilder($"random-{users}x{items}", kind);
        for (var u = 0; u < users; u++)
        {
            b.AddUser($"u{u}");
        }

        for (var i = 0; i < items; i++)
        {
            b.AddItem($"i{i}");
        }

        for (var u = 0; u < users; u++)
        {
            for (var i = 0; i < items; i++)
            {
                if (random.NextDouble() < density)
                {
                    b.Add($"u{u}", $"i{i}", random.Next(1, 6));
                }
            }
        }

        return b.Build();
    }

    /// <summary>
    /// Three items rated by four users, for hand-computed rating similarities:
    /// x: a=5 b=3 c=4 d=1; y: a=4 b=2 c=5; z: a=1 b=5 d=4 (items x, y, z = 0, 1, 2).
    /// </summary>
    public static Dataset ThreeItems()
    {
        var b = new DatasetBuilder("three-items", FeedbackKind.Explicit);
        (string U, string I, float V)[] rows =
        [
            ("a", "x", 5), ("b", "x", 3), ("c", "x", 4), ("d", "x", 1),
            ("a", "y", 4), ("b", "y", 2), ("c", "y", 5),
            ("a", "z", 1), ("b", "z", 5), ("d", "z", 4),
        ];
        foreach (var (u, i, v) in rows)
        {
            b.Add(u, i, v);
        }

        return b.Build();
    }
}
