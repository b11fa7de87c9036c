using Affinity.Core.Data;

namespace Affinity.Models.Baselines;

/// <summary>Which users have training interactions; the others get the fallback list.</summary>
internal sealed class UserActivity
{
    private readonly bool[] _active;

    private UserActivity(bool[] active) => _active = active;

    /// <summary>Marks the users with at least one interaction in <paramref name="train"/>.</summary>
    public static UserActivity Of(Dataset train)
    {
        var counts = train.UserCounts();
        var active = new bool[counts.Length];
        for (var u = 0; u < counts.Length; u++)
        {
            active[u] = counts[u] > 0;
        }

        return new UserActivity(active);
    }

    /// <summary>Whether <paramref name="user"/> is a training user with interactions.</summary>
    public bool IsActive(int user) => (uint)user < (uint)_active.Length && _active[user];
}
