using Affinity.Core.Data;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Tests.Splitting;

/// <summary>Small datasets for splitter tests, built so that every part can be traced back to its source.</summary>
internal static class SplitFixtures
{
    /// <summary>The interaction counts of users u0..u7 in <see cref="Varied"/>.</summary>
    public static readonly int[] VariedUserCounts = [1, 2, 3, 4, 5, 7, 10, 13];

    /// <summary>
    /// 45 interactions of 8 users with 1, 2, 3, 4, 5, 7, 10 and 13 interactions, every (user, item)
    /// pair once. Users take turns in input order, so a user's interactions are not contiguous. The
    /// value of an interaction is its input position (so a part can be traced back), and timestamps
    /// are distinct but scrambled against input order (position p has time 1000 + (p × 17) mod 45).
    /// </summary>
    public static Dataset Varied()
    {
        var b = new DatasetBuilder("varied", FeedbackKind.Implicit);
        var added = new int[VariedUserCounts.Length];
        var position = 0;
        while (position < 45)
        {
            for (var u = 0; u < VariedUserCounts.Length; u++)
            {
                if (added[u] < VariedUserCounts[u])
                {
                    b.Add($"u{u}", $"i{added[u]}", position, 1000 + (position * 17 % 45));
                    added[u]++;
                    position++;
                }
            }
        }

        return b.Build();
    }

    /// <summary>The input positions of a part's interactions (their values, in <see cref="Varied"/> and friends).</summary>
    public static int[] Positions(Dataset part)
    {
        var positions = new int[part.Count];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = (int)part.Values[i];
        }

        return positions;
    }

    /// <summary>How many interactions each user has in a part.</summary>
    public static int[] PerUser(Dataset part) => part.UserCounts();

    /// <summary>The input positions of every part of every split, to compare two runs.</summary>
    public static string Fingerprint(IReadOnlyList<DataSplit> splits)
    {
        var text = new System.Text.StringBuilder();
        foreach (var split in splits)
        {
            text.Append(split.Name).Append(": ").AppendJoin(',', Positions(split.Train)).Append(" | ").AppendJoin(',', Positions(split.Test));
            if (split.Validation is not null)
            {
                text.Append(" | ").AppendJoin(',', Positions(split.Validation));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
