namespace Affinity.Evaluation.Splitting;

/// <summary>
/// Interactions grouped by a key (user or item) with a stable counting sort: group <c>g</c> holds
/// <c>Members[Starts[g]..Starts[g+1]-1]</c>, in the order the interactions were visited.
/// </summary>
internal sealed class Groups
{
    private Groups(int[] members, int[] starts)
    {
        Members = members;
        Starts = starts;
    }

    /// <summary>Interaction positions, group after group.</summary>
    public int[] Members { get; }

    /// <summary>Where each group starts in <see cref="Members"/>; one more entry than groups.</summary>
    public int[] Starts { get; }

    /// <summary>The number of groups (keys), including empty ones.</summary>
    public int Count => Starts.Length - 1;

    /// <summary>The members of one group.</summary>
    public Span<int> this[int group] => Members.AsSpan(Starts[group], Starts[group + 1] - Starts[group]);

    /// <summary>Groups interactions <c>0..keys.Length-1</c> by key, each group in input order.</summary>
    public static Groups ByKey(ReadOnlySpan<int> keys, int keyCount)
    {
        var visit = new int[keys.Length];
        for (var i = 0; i < visit.Length; i++)
        {
            visit[i] = i;
        }

        return ByKey(keys, keyCount, visit);
    }

    /// <summary>Groups the interactions listed in <paramref name="visitOrder"/> by key, each group in visit order.</summary>
    public static Groups ByKey(ReadOnlySpan<int> keys, int keyCount, ReadOnlySpan<int> visitOrder)
    {
        var starts = new int[keyCount + 1];
        foreach (var i in visitOrder)
        {
            starts[keys[i] + 1]++;
        }

        for (var g = 0; g < keyCount; g++)
        {
            starts[g + 1] += starts[g];
        }

        var next = starts.AsSpan(0, keyCount).ToArray();
        var members = new int[visitOrder.Length];
        foreach (var i in visitOrder)
        {
            members[next[keys[i]]++] = i;
        }

        return new Groups(members, starts);
    }
}
