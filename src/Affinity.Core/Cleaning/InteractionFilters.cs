using Affinity.Core.Data;

namespace Affinity.Core.Cleaning;

/// <summary>
/// Filters that drop interactions of rare users and items, or of listed users and items. Every
/// filter keeps the surviving interactions in input order and shares the id maps, so a dropped
/// user or item keeps its index and simply has no interactions left. Counts are interactions
/// (rows), so a repeated (user, item) pair counts once per event, as in RecBole; deduplicate
/// first to count distinct pairs.
/// </summary>
public static class InteractionFilters
{
    /// <summary>
    /// One pass: counts every user's and item's interactions in <paramref name="data"/>, then keeps
    /// the interactions whose user has at least <paramref name="minUserInteractions"/> and whose item
    /// has at least <paramref name="minItemInteractions"/>. Survivors may fall below the minimums;
    /// use <see cref="KCore"/> to iterate. A minimum of 0 or 1 filters nothing on that side.
    /// </summary>
    public static Dataset MinInteractions(Dataset data, int minUserInteractions, int minItemInteractions)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(minUserInteractions);
        ArgumentOutOfRangeException.ThrowIfNegative(minItemInteractions);
        var userCounts = data.UserCounts();
        var itemCounts = data.ItemCounts();
        var users = data.UserIndexes;
        var items = data.ItemIndexes;
        var removed = new bool[data.Count];
        for (var i = 0; i < removed.Length; i++)
        {
            removed[i] = userCounts[users[i]] < minUserInteractions || itemCounts[items[i]] < minItemInteractions;
        }

        return Keep(data, removed);
    }

    /// <summary>
    /// The k-core: the largest subset of interactions in which every user has at least
    /// <paramref name="userK"/> and every item at least <paramref name="itemK"/> interactions.
    /// Dropping a user can push an item below its threshold and so on, until nothing changes.
    /// </summary>
    /// <remarks>
    /// RecBole's <c>user_inter_num_interval</c> / <c>item_inter_num_interval</c> filter repeats
    /// "drop every interaction of a user or item below its minimum" until none is dropped. That
    /// fixed point is unique whatever the order of removal, so this peels users and items one at a
    /// time with a work list in O(interactions) and gets the same result.
    /// </remarks>
    public static Dataset KCore(Dataset data, int userK, int itemK)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(userK);
        ArgumentOutOfRangeException.ThrowIfNegative(itemK);
        var byUser = data.ByUser;
        var byItem = data.ByItem;
        var userCounts = data.UserCounts();
        var itemCounts = data.ItemCounts();
        var removed = new bool[data.Count];

        // Work-list entries: users as u, items as ~i (negative), each enqueued once.
        var userDropped = new bool[data.UserCount];
        var itemDropped = new bool[data.ItemCount];
        var pending = new Stack<int>();
        for (var u = 0; u < userCounts.Length; u++)
        {
            if (userCounts[u] > 0 && userCounts[u] < userK)
            {
                userDropped[u] = true;
                pending.Push(u);
            }
        }

        for (var i = 0; i < itemCounts.Length; i++)
        {
            if (itemCounts[i] > 0 && itemCounts[i] < itemK)
            {
                itemDropped[i] = true;
                pending.Push(~i);
            }
        }

        var items = data.ItemIndexes;
        var users = data.UserIndexes;
        while (pending.TryPop(out var next))
        {
            var isUser = next >= 0;
            var entries = isUser ? byUser.RowEntryIds(next) : byItem.RowEntryIds(~next);
            foreach (var e in entries)
            {
                if (removed[e])
                {
                    continue;
                }

                removed[e] = true;
                if (isUser)
                {
                    var item = items[e];
                    if (--itemCounts[item] < itemK && !itemDropped[item])
                    {
                        itemDropped[item] = true;
                        pending.Push(~item);
                    }
                }
                else
                {
                    var user = users[e];
                    if (--userCounts[user] < userK && !userDropped[user])
                    {
                        userDropped[user] = true;
                        pending.Push(user);
                    }
                }
            }
        }

        return Keep(data, removed);
    }

    /// <summary>Drops every interaction of the listed users (dense indexes; repeats allowed).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the user map.</exception>
    public static Dataset RemoveUsers(Dataset data, ReadOnlySpan<int> users)
    {
        ArgumentNullException.ThrowIfNull(data);
        var drop = Flags(users, data.UserCount, nameof(users));
        var removed = new bool[data.Count];
        var userIndexes = data.UserIndexes;
        for (var i = 0; i < removed.Length; i++)
        {
            removed[i] = drop[userIndexes[i]];
        }

        return Keep(data, removed);
    }

    /// <summary>Drops every interaction with the listed items (dense indexes; repeats allowed).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the item map.</exception>
    public static Dataset RemoveItems(Dataset data, ReadOnlySpan<int> items)
    {
        ArgumentNullException.ThrowIfNull(data);
        var drop = Flags(items, data.ItemCount, nameof(items));
        var removed = new bool[data.Count];
        var itemIndexes = data.ItemIndexes;
        for (var i = 0; i < removed.Length; i++)
        {
            removed[i] = drop[itemIndexes[i]];
        }

        return Keep(data, removed);
    }

    private static bool[] Flags(ReadOnlySpan<int> indexes, int count, string name)
    {
        var flags = new bool[count];
        foreach (var index in indexes)
        {
            if ((uint)index >= (uint)count)
            {
                throw new ArgumentOutOfRangeException(name, index, $"The index must be in 0..{count - 1}.");
            }

            flags[index] = true;
        }

        return flags;
    }

    private static Dataset Keep(Dataset data, bool[] removed)
    {
        var kept = new List<int>(removed.Length);
        for (var i = 0; i < removed.Length; i++)
        {
            if (!removed[i])
            {
                kept.Add(i);
            }
        }

        return data.Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(kept));
    }
}
